// Expressions from the seeds 2000..2099 (gradient_agreement_test.cpp).
#include "support/gradient_agreement.hpp"

namespace agreement {
void batch_2(tally& t) { check_all<2000>(t, std::make_index_sequence<100>{}); }
}  // namespace agreement
