// Worked example 3 of the tutorial: the inner function x^2 + 5 under two
// different outer functions.
//
//   d/dx sqrt(x^2 + 5) = 2x / (2 sqrt(x^2 + 5)) = x / sqrt(x^2 + 5)
//   d/dx ln(x^2 + 5)   = 2x / (x^2 + 5)
#include <chainrule.hpp>

#include <cstdio>
#include <type_traits>

using namespace chainrule;

using Inner = Add<Pow<X, Int<2>>, Int<5>>;

static_assert(std::is_same_v<D<Sqrt<Inner>>, Div<X, Sqrt<Inner>>>);
static_assert(std::is_same_v<D<Log<Inner>>, Div<Mul<Int<2>, X>, Inner>>);
static_assert(eval<D<Sqrt<Inner>>>(2.0) == 2.0 / 3.0);  // 2 / sqrt(9)
static_assert(eval<D<Log<Inner>>>(2.0) == 4.0 / 9.0);   // 4 / 9

int main() {
    for (double x : {0.0, 1.0, 2.0, 4.0})
        std::printf("x = %3.1f   d sqrt(x^2+5) = %8.6f   d ln(x^2+5) = %8.6f\n", x, eval<D<Sqrt<Inner>>>(x),
                    eval<D<Log<Inner>>>(x));
}
