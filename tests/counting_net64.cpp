// The cheap-gradient principle for the two-layer network with k = 64
// weights (81 parameters), in a translation unit of its own: it is the
// biggest expression of the tests, and compiles in parallel with the rest of
// counting_test.
#include "support/cheap_gradient.hpp"

double cheap_gradient_ratio_for_64_weights() {
    using namespace cheap_gradient;
    return check_cheap_gradient<two_layer_net::net<8, 8>, check::differences>();
}
