// Canonical forms: the compiler proves identities by comparing types.
//
// Two spellings of the same mathematics are one type; polynomial identities
// are proved with Expand / equivalent_v; higher derivatives stay small.
#include <chainrule.hpp>

#include <cstdio>
#include <type_traits>

using namespace chainrule;

// Order, grouping, like terms and powers do not matter...
static_assert(std::is_same_v<Add<X, Y>, Add<Y, X>>);
static_assert(std::is_same_v<Mul<X, X>, Pow<X, Int<2>>>);
static_assert(std::is_same_v<Div<Pow<X, Int<3>>, X>, Pow<X, Int<2>>>);
static_assert(std::is_same_v<Add<Rational<1, 3>, Rational<1, 6>>, Rational<1, 2>>);

// ...factored forms stay factored, and Expand proves polynomial identities.
using Square = Pow<Add<X, Int<1>>, Int<2>>;
static_assert(!std::is_same_v<Square, Add<Add<Pow<X, Int<2>>, Mul<Int<2>, X>>, Int<1>>>);
static_assert(equivalent_v<Square, Add<Add<Pow<X, Int<2>>, Mul<Int<2>, X>>, Int<1>>>);

// The fourth derivative of sin is sin; the sixth of x^5 is 0.
static_assert(std::is_same_v<D<Sin<X>, X, 4>, Sin<X>>);
static_assert(std::is_same_v<D<Pow<X, Int<5>>, X, 6>, Int<0>>);

// Higher derivatives of the sigmoid are polynomials in s that grow linearly.
template <int N>
void show_order() {
    std::printf("  d^%-2d s/dx^%-2d  %3zu nodes, %3zu distinct subexpressions, at x = 0.5: %+.6f\n", N, N,
                node_count_v<D<Sigmoid<X>, X, N>>, dag_size_v<D<Sigmoid<X>, X, N>>, eval<D<Sigmoid<X>, X, N>>(0.5));
}

int main() {
    std::printf("Derivatives of the sigmoid s(x):\n");
    show_order<1>();
    show_order<2>();
    show_order<4>();
    show_order<6>();
    show_order<8>();
    show_order<10>();
}
