// Every built-in function and its derivative, evaluated at a few points:
// the rule table of docs/guide.md, run.
#include <chainrule.hpp>

#include <cstdio>

using namespace chainrule;

template <class F>
void row(const char* name, double x) {
    std::printf("  %-8s at %5.2f:  f = %10.6f   f' = %10.6f\n", name, x, eval<F>(x), eval<D<F>>(x));
}

// The rules, checked where their values are exact.
static_assert(eval<D<Exp<X>>>(0.0) == 1.0);
static_assert(eval<D<Log<X>>>(2.0) == 0.5);
static_assert(eval<D<Sqrt<X>>>(4.0) == 0.25);
static_assert(eval<D<Sin<X>>>(0.0) == 1.0 && eval<D<Cos<X>>>(0.0) == 0.0);
static_assert(eval<D<Tan<X>>>(0.0) == 1.0 && eval<D<Tanh<X>>>(0.0) == 1.0);
static_assert(eval<D<Sigmoid<X>>>(0.0) == 0.25);
static_assert(eval<D<Relu<X>>>(-1.0) == 0.0 && eval<D<Relu<X>>>(0.0) == 0.0 && eval<D<Relu<X>>>(1.0) == 1.0);
static_assert(eval<D<Abs<X>>>(-1.0) == -1.0 && eval<D<Abs<X>>>(0.0) == 0.0 && eval<D<Abs<X>>>(1.0) == 1.0);

int main() {
    for (double x : {-1.0, 0.5}) {
        row<Exp<X>>("exp", x);
        row<Sin<X>>("sin", x);
        row<Cos<X>>("cos", x);
        row<Tan<X>>("tan", x);
        row<Tanh<X>>("tanh", x);
        row<Sigmoid<X>>("sigmoid", x);
        row<Relu<X>>("relu", x);
        row<Abs<X>>("abs", x);
        row<Step<X>>("step", x);
        row<Sign<X>>("sign", x);
    }
    row<Log<X>>("log", 0.5);
    row<Sqrt<X>>("sqrt", 0.5);
}
