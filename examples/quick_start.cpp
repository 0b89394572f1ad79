// The README's quick start, compiled and run.
#include <chainrule.hpp>

#include <cstdio>
#include <type_traits>

using namespace chainrule;

using Loss = Pow<Sub<Sigmoid<Relu<X>>, Rational<4, 5>>, Int<2>>;  // (s(relu(z)) - 0.8)^2

static_assert(eval<D<Sigmoid<X>>>(0.0) == 0.25);  // proved by the compiler
static_assert(std::is_same_v<D<Sigmoid<X>>,       // the textbook form, as a type
                             Mul<Sigmoid<X>, Sub<Int<1>, Sigmoid<X>>>>);

int main() {
    double g = eval<D<Loss>>(2.0);  // 0.016966..., as PyTorch prints
    std::printf("dL/dz at z = 2: %.6f\n", g);
}
