// The translation unit bench/gradient/compile_cost.sh compiles: the loss of
// tests/support/two_layer_net.hpp with NN inputs and NN hidden units
// (k = NN^2 weights), evaluated at run time in double, and with
// -DWITH_GRADIENT its full gradient too.
#include "support/two_layer_net.hpp"

#include <cstdio>

using Net = two_layer_net::net<NN, NN>;

int main() {
    const auto at = Net::sample_point<double>();
    const double loss = Net::evaluate<Net::loss>(at);
#ifdef WITH_GRADIENT
    const auto g = Net::evaluate<Net::gradient>(at);
    std::printf("L = %g, dL/dw00 = %g, dL/dc = %g\n", loss, g[0], g[Net::parameters - 1]);
#else
    std::printf("L = %g\n", loss);
#endif
}
