// The library's own constexpr math: the same call works in a constant
// expression (on GCC and Clang alike) and at run time, where it is <cmath>.
#include <chainrule.hpp>

#include <cmath>
#include <cstdio>

using namespace chainrule;

constexpr double e = math::exp(1.0);
static_assert(e == 2.718281828459045);  // the double nearest to e
static_assert(math::log(1.0) == 0.0);
static_assert(math::sin(0.0) == 0.0);

// The derivative of the sigmoid at 1, proved by the compiler to agree with
// s(1) (1 - s(1)) computed from math::exp.
constexpr double s1 = 1 / (1 + math::exp(-1.0));
static_assert(eval<D<Sigmoid<X>>>(1.0) - s1 * (1 - s1) < 1e-16 && s1 * (1 - s1) - eval<D<Sigmoid<X>>>(1.0) < 1e-16);

// A domain error found while the compiler evaluates is a compile error that
// names it; uncomment to see:
//   constexpr double bad = eval<Log<X>>(-1.0);

int main() {
    volatile double one = 1.0;
    std::printf("compile time: exp(1) = %.17g\nrun time:     exp(1) = %.17g\n", e, math::exp(double(one)));
    std::printf("run time log(-1) follows <cmath>: %f\n", eval<Log<X>>(-double(one)));
}
