// The tutorial's three-layer program, differentiated by the compiler.
//
//   a1 = relu(z)            layer 1
//   a2 = sigmoid(a1)        layer 2
//   L  = (a2 - 0.8)^2       mean squared error against the target 0.8
//
// dL/dz = 2 (a2 - 0.8) * s(a1)(1 - s(a1)) * relu'(z): one factor per link of
// the chain. PyTorch's autograd prints 0.016966 at z = 2; so do we, and the
// compiler checks it before the program runs.
#include <chainrule.hpp>

#include <cstdio>

using namespace chainrule;

using Layer1 = Relu<X>;
using Layer2 = Sigmoid<Layer1>;
using Loss = Pow<Sub<Layer2, Rational<4, 5>>, Int<2>>;
using DLoss = D<Loss>;

constexpr double expected = 0.016966349814049152;  // 2 (s(2) - 0.8) s(2) (1 - s(2)), by mpmath
constexpr double relative_error(double a, double b) { return (a > b ? a - b : b - a) / b; }
static_assert(relative_error(eval<DLoss>(2.0), expected) < 1e-12);

int main() {
    std::printf("z = 2:  L = %.6f   dL/dz = %.6f   (PyTorch: 0.016966)\n", eval<Loss>(2.0), eval<DLoss>(2.0));
    std::printf("z = -1: dL/dz = %.6f   (relu is flat left of 0: no gradient flows)\n", 0.0 + eval<DLoss>(-1.0));
}
