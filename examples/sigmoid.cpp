// The sigmoid's derivative: s'(x) = s(x) (1 - s(x)).
//
// The rule is written in the form backpropagation uses, so the derivative
// reuses the forward value s(x): eval computes exp once per call.
#include <chainrule.hpp>

#include <cstdio>
#include <type_traits>

using namespace chainrule;

static_assert(std::is_same_v<D<Sigmoid<X>>, Mul<Sigmoid<X>, Sub<Int<1>, Sigmoid<X>>>>);
static_assert(eval<D<Sigmoid<X>>>(0.0) == 0.25);  // the steepest point: 0.5 * 0.5

int main() {
    for (double x : {-4.0, -2.0, 0.0, 2.0, 4.0}) {
        double s = eval<Sigmoid<X>>(x);
        std::printf("x = %4.1f   s = %.6f   s' = %.6f   s(1-s) = %.6f\n", x, s, eval<D<Sigmoid<X>>>(x), s * (1 - s));
    }
}
