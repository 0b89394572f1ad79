// Worked example 2 of the tutorial: d/dx e^(x^2).
//
// Outer function e^u is its own derivative; inner function x^2 has
// derivative 2x. So d/dx e^(x^2) = e^(x^2) * 2x.
#include <chainrule.hpp>

#include <cmath>
#include <cstdio>
#include <type_traits>

using namespace chainrule;

using F = Exp<Pow<X, Int<2>>>;

static_assert(std::is_same_v<D<F>, Mul<Mul<Int<2>, X>, Exp<Pow<X, Int<2>>>>>);
static_assert(eval<D<F>>(0.0) == 0.0);  // flat at the bottom of the bowl

int main() {
    for (double x : {-1.0, -0.5, 0.0, 0.5, 1.0}) {
        double by_hand = std::exp(x * x) * 2 * x;
        std::printf("x = %4.1f   f'(x) = %9.6f   by hand e^(x^2) 2x = %9.6f\n", x, eval<D<F>>(x), by_hand);
    }
}
