// The examples of the chain-rule tutorial, proved by the compiler.
//
// Each identity is a namespace-scope static_assert: if this file compiles (it
// is part of the default build, on GCC and Clang), they hold.

#include <chainrule.hpp>

#include <type_traits>

using namespace chainrule;

namespace {

constexpr bool near(double a, double b, double relative) {
    double d = a - b;
    if (d < 0) d = -d;
    double m = b < 0 ? -b : b;
    return d <= relative * m;
}

// The power rule: d/dx x^n = n x^(n-1).
static_assert(std::is_same_v<D<Pow<X, Int<3>>>, Mul<Int<3>, Pow<X, Int<2>>>>);
static_assert(std::is_same_v<D<Pow<X, Int<2>>>, Mul<Int<2>, X>>);
static_assert(std::is_same_v<D<X>, Int<1>>);
static_assert(std::is_same_v<D<Int<7>>, Int<0>>);
static_assert(eval<D<Pow<X, Int<3>>>>(2.0) == 12.0);
static_assert(eval<D<Pow<X, Int<3>>>>(0.0) == 0.0);  // power rule, no logarithm: not NaN

// The driving analogy: wheel speed = rpm / 20 (5 mph per 100 rpm), and
// rpm = 200 * pedal. Chained, the wheels gain 10 mph per inch of pedal.
using Rpm = Mul<Int<200>, X>;                                        // rpm as a function of pedal inches
using WheelSpeed = Div<Rpm, Int<20>>;                                // mph as a function of pedal inches
static_assert(std::is_same_v<D<Div<X, Int<20>>>, Rational<1, 20>>);  // 5 mph per 100 rpm
static_assert(std::is_same_v<D<Rpm>, Int<200>>);                     // 200 rpm per inch
static_assert(std::is_same_v<D<WheelSpeed>, Int<10>>);               // 10 mph per inch
static_assert(eval<D<WheelSpeed>>(3.0) == 10.0);

// Worked example 1: d/dx (2x + 1)^3 = 3 (2x + 1)^2 * 2 = 6 (2x + 1)^2.
using Inner1 = Add<Mul<Int<2>, X>, Int<1>>;
static_assert(std::is_same_v<D<Pow<Inner1, Int<3>>>, Mul<Int<6>, Pow<Inner1, Int<2>>>>);
static_assert(eval<D<Pow<Inner1, Int<3>>>>(1.0) == 54.0);

// Worked example 2: d/dx e^(x^2) = e^(x^2) * 2x.
static_assert(std::is_same_v<D<Exp<Pow<X, Int<2>>>>, Mul<Mul<Int<2>, X>, Exp<Pow<X, Int<2>>>>>);
static_assert(eval<D<Exp<Pow<X, Int<2>>>>>(0.0) == 0.0);

// Worked example 3, inner x^2 + 5:
//   d/dx sqrt(x^2 + 5) = 2x / (2 sqrt(x^2 + 5)) = x / sqrt(x^2 + 5)
//   d/dx ln(x^2 + 5)   = 2x / (x^2 + 5)
using Inner3 = Add<Pow<X, Int<2>>, Int<5>>;
static_assert(std::is_same_v<D<Sqrt<Inner3>>, Div<X, Sqrt<Inner3>>>);
static_assert(std::is_same_v<D<Log<Inner3>>, Div<Mul<Int<2>, X>, Inner3>>);
static_assert(eval<D<Sqrt<Inner3>>>(2.0) == 2.0 / 3.0);  // sqrt(9) = 3
static_assert(eval<D<Log<Inner3>>>(2.0) == 4.0 / 9.0);

// The sigmoid: s' = s (1 - s), and s'(0) = 1/4 exactly.
static_assert(eval<D<Sigmoid<X>>>(0.0) == 0.25);
static_assert(D<Sigmoid<X>>{}(0.0) == 0.25);  // every expression is callable
static_assert(std::is_same_v<D<Sigmoid<X>>, Mul<Sigmoid<X>, Sub<Int<1>, Sigmoid<X>>>>);

// (1 - s is s(-x): written as 1 - s it loses the right tail's digits, which
// eval does not -- it evaluates polynomials in s stably.)
constexpr bool sigmoid_identity_holds() {
    for (int i = -80; i <= 80; ++i) {
        double x = i / 8.0;
        double s = eval<Sigmoid<X>>(x);
        if (!near(eval<D<Sigmoid<X>>>(x), s * eval<Sigmoid<X>>(-x), 1e-15)) return false;
    }
    return true;
}
static_assert(sigmoid_identity_holds());

// Chains within chains.
//   d/dx e^(sin(x^2)) = e^(sin(x^2)) cos(x^2) 2x
//   d/dx sin^3(2x)    = 3 sin^2(2x) cos(2x) 2 = 6 sin^2(2x) cos(2x)
//   d/dx ln(cos(x^3)) = -sin(x^3) 3x^2 / cos(x^3)
static_assert(std::is_same_v<D<Exp<Sin<Pow<X, Int<2>>>>>,
                             Mul<Exp<Sin<Pow<X, Int<2>>>>, Mul<Cos<Pow<X, Int<2>>>, Mul<Int<2>, X>>>>);
static_assert(std::is_same_v<D<Pow<Sin<Mul<Int<2>, X>>, Int<3>>>,
                             Mul<Int<6>, Mul<Pow<Sin<Mul<Int<2>, X>>, Int<2>>, Cos<Mul<Int<2>, X>>>>>);
static_assert(std::is_same_v<D<Log<Cos<Pow<X, Int<3>>>>>,
                             Div<Neg<Mul<Sin<Pow<X, Int<3>>>, Mul<Int<3>, Pow<X, Int<2>>>>>, Cos<Pow<X, Int<3>>>>>);
static_assert(eval<D<Exp<Sin<Pow<X, Int<2>>>>>>(0.0) == 0.0);

// Backpropagation through the tutorial's three layers:
//   a1 = relu(z), a2 = sigmoid(a1), L = (a2 - 0.8)^2
// dL/dz at z = 2 is what PyTorch prints, 0.016966...; the reference below is
// 2 (s(2) - 0.8) s(2) (1 - s(2)) to 40 digits (mpmath).
using Loss = Pow<Sub<Sigmoid<Relu<X>>, Rational<4, 5>>, Int<2>>;
static_assert(near(eval<D<Loss>>(2.0), 0.01696634981404915211438696030672527741482, 1e-12));
static_assert(eval<D<Loss>>(-1.0) == 0.0);  // relu is flat left of 0
static_assert(eval<D<Loss>>(0.0) == 0.0);   // relu'(0) = 0, as in PyTorch

}  // namespace
