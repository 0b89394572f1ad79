// Expressions from the seeds 3000..3099 (gradient_agreement_test.cpp).
#include "support/gradient_agreement.hpp"

namespace agreement {
void batch_3(tally& t) { check_all<3000>(t, std::make_index_sequence<100>{}); }
}  // namespace agreement
