// Worked example 1 of the tutorial: d/dx (2x + 1)^3.
//
// Outer function u^3, derivative 3u^2; inner function 2x + 1, derivative 2.
// The chain rule multiplies the outer derivative, evaluated at the inner
// function, by the inner derivative: 3 (2x + 1)^2 * 2 = 6 (2x + 1)^2.
#include <chainrule.hpp>

#include <cstdio>
#include <type_traits>

using namespace chainrule;

using Inner = Add<Mul<Int<2>, X>, Int<1>>;  // 2x + 1
using F = Pow<Inner, Int<3>>;               // (2x + 1)^3

// The compiler derives the textbook answer, as a type...
static_assert(std::is_same_v<D<F>, Mul<Int<6>, Pow<Inner, Int<2>>>>);
// ...and evaluates it: at x = 1, 6 * 3^2 = 54.
static_assert(eval<D<F>>(1.0) == 54.0);

int main() {
    for (double x : {-1.0, 0.0, 0.5, 1.0, 2.0})
        std::printf("x = %4.1f   f(x) = %7.2f   f'(x) = 6(2x+1)^2 = %7.2f\n", x, eval<F>(x), eval<D<F>>(x));
}
