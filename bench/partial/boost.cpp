// Boost.Math's mixed partial (its test_autodiff_4) in Taylor mode:
// f(w, x, y, z) = exp(w sin(x log(y) / z) + sqrt(w z / (x y))) + w^2 / tan(z),
// d^n f / dw^OW dx^OX dy^OY dz^OZ at (11, 12, 13, 14), n = OW + OX + OY + OZ.
// Prints the value and the run time of one evaluation in microseconds (the
// median of 15 batches). bench/partial/run.sh compiles it at several orders;
// with -DSYMBOLIC the same partial is the nested symbolic derivative
// D<D<D<D<F, W, OW>, X, OX>, Y, OY>, Z, OZ> instead, for comparison.
#include <chainrule.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>

#ifndef OW
#define OW 3
#define OX 2
#define OY 4
#define OZ 3
#endif

using namespace chainrule;
using W = Var<'w'>;
using F =
    Add<Exp<Add<Mul<W, Sin<Div<Mul<X, Log<Y>>, Z>>>, Sqrt<Div<Mul<W, Z>, Mul<X, Y>>>>>, Div<Pow<W, Int<2>>, Tan<Z>>>;
#ifdef SYMBOLIC
using P = D<D<D<D<F, W, OW>, X, OX>, Y, OY>, Z, OZ>;
#else
using P = TaylorPartial<F, Order<W, OW>, Order<X, OX>, Order<Y, OY>, Order<Z, OZ>>;
#endif

int main() {
    volatile double w = 11, x = 12, y = 13, z = 14;  // (not constants the optimiser could fold)
    const auto at_point = [&] { return point(at<W>(double(w)), at<X>(double(x)), at<Y>(double(y)), at<Z>(double(z))); };
    const double value = eval<P>(at_point());
    double times[15];
    double sink = 0;
    for (double& t : times) {
        const int calls = 20;
        const auto start = std::chrono::steady_clock::now();
        for (int k = 0; k < calls; ++k) sink += eval<P>(at_point());
        t = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / calls;
    }
    std::sort(times, times + 15);
    std::printf("%.17g %.1f\n", value, times[7]);
    return sink == 0 ? 1 : 0;  // (the calls' results are used)
}
