// Expressions from the seeds 1000..1099 (gradient_agreement_test.cpp).
#include "support/gradient_agreement.hpp"

namespace agreement {
void batch_1(tally& t) { check_all<1000>(t, std::make_index_sequence<100>{}); }
}  // namespace agreement
