// A mixed partial of order 12, Boost.Math's own test of its autodiff
// (test_autodiff_4): f(w, x, y, z) = exp(w sin(x ln y / z) + sqrt(w z / (x y)))
// + w^2 / tan z, and d^12 f / dw^3 dx^2 dy^4 dz^3 at (11, 12, 13, 14).
//
// As a type, that derivative would have some 10^8 nodes (about four times
// more per order); TaylorPartial never forms it. It carries truncated Taylor
// series through the graph of f and reads the partial off one coefficient, so
// this file compiles in a few seconds.
#include <chainrule.hpp>

#include <cmath>
#include <cstdio>

using namespace chainrule;
using W = Var<'w'>;
using F =
    Add<Exp<Add<Mul<W, Sin<Div<Mul<X, Log<Y>>, Z>>>, Sqrt<Div<Mul<W, Z>, Mul<X, Y>>>>>, Div<Pow<W, Int<2>>, Tan<Z>>>;
using P = TaylorPartial<F, Order<W, 3>, Order<X, 2>, Order<Y, 4>, Order<Z, 3>>;

// Boost's reference value, to 38 digits.
constexpr long double reference = 1976.3196007477977177798818752904187209L;

int main() {
    const double v = eval<P>(at<W>(11.0), at<X>(12.0), at<Y>(13.0), at<Z>(14.0));
    const long double lv = eval<P>(at<W>(11.0L), at<X>(12.0L), at<Y>(13.0L), at<Z>(14.0L));
    const double rel = std::fabs(static_cast<double>((v - reference) / reference));
    const double lrel = std::fabs(static_cast<double>((lv - reference) / reference));
    std::printf("d^12 f / dw^3 dx^2 dy^4 dz^3 at (11, 12, 13, 14)\n");
    std::printf("  double:      %.15g (relative error %.1e)\n", v, rel);
    std::printf("  long double: %.18Lg (relative error %.1e)\n", lv, lrel);
    return rel < 1e-12 && lrel < 1e-15 ? 0 : 1;
}
