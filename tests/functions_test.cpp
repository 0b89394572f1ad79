// Mirrors chainrule/functions.hpp and chainrule/functions/*.hpp.
// The built-in functions (issue 11): each one's rule, constant folding,
// value-level spelling, pi, and the tails of the activations, in constant
// evaluation and at run time. Accuracy against mpmath is
// tests/functions_accuracy_test.cpp.
#include <boost/test/unit_test.hpp>

#include <chainrule.hpp>

#include <array>
#include <cmath>
#include <limits>
#include <numbers>
#include <string_view>
#include <type_traits>

using namespace chainrule;

namespace {

template <class A, class B>
constexpr bool same = std::is_same_v<A, B>;

// ------------------------------------------------------------------ rules

// The derivative of the outer function, as each header writes it.
static_assert(same<D<Asin<X>>, Pow<Mul<Sub<Int<1>, X>, Add<Int<1>, X>>, Rational<-1, 2>>>);
static_assert(same<D<Acos<X>>, Neg<D<Asin<X>>>>);
static_assert(same<D<Atan<X>>, Pow<Add<Int<1>, Pow<X, Int<2>>>, Int<-1>>>);
static_assert(same<D<Sinh<X>>, Cosh<X>> && same<D<Cosh<X>>, Sinh<X>>);
static_assert(same<D<Sinh<X>, X, 2>, Sinh<X>>);
static_assert(same<D<Asinh<X>>, Pow<Add<Pow<X, Int<2>>, Int<1>>, Rational<-1, 2>>>);
static_assert(same<D<Acosh<X>>, Pow<Mul<Add<X, Int<-1>>, Add<X, Int<1>>>, Rational<-1, 2>>>);
static_assert(same<D<Atanh<X>>, Pow<Mul<Sub<Int<1>, X>, Add<Int<1>, X>>, Int<-1>>>);
static_assert(same<D<Erf<X>>, Mul<Int<2>, Pow<Pi, Rational<-1, 2>>, Exp<Neg<Pow<X, Int<2>>>>>>);
static_assert(same<D<Erfc<X>>, Neg<D<Erf<X>>>>);
static_assert(same<D<Exp2<X>>, Mul<Log<Int<2>>, Exp2<X>>>);
static_assert(same<D<Log2<X>>, Div<Int<1>, Mul<X, Log<Int<2>>>>>);
static_assert(same<D<Log10<X>>, Div<Int<1>, Mul<X, Log<Int<10>>>>>);
static_assert(same<D<Log1p<X>>, Div<Int<1>, Add<X, Int<1>>>>);
static_assert(same<D<Expm1<X>>, Exp<X>>);
static_assert(same<D<Cbrt<X>>, Div<Rational<1, 3>, Pow<Cbrt<X>, Int<2>>>>);
static_assert(same<D<Softplus<X>>, Sigmoid<X>>);
static_assert(same<D<LogSigmoid<X>>, Sigmoid<Neg<X>>>);
static_assert(same<D<Silu<X>>, Mul<Sigmoid<X>, Add<Int<1>, Mul<X, Sub<Int<1>, Sigmoid<X>>>>>>);
static_assert(same<D<Softsign<X>>, Pow<Add<Int<1>, Abs<X>>, Int<-2>>>);
static_assert(same<D<Elu<X>>, Exp<Mul<X, Sub<Int<1>, Step<X>>>>>);
static_assert(same<D<LeakyRelu<X>>, Add<Rational<1, 100>, Mul<Rational<99, 100>, Step<X>>>>);
static_assert(same<D<LeakyRelu<X, Rational<1, 5>>>, Add<Rational<1, 5>, Mul<Rational<4, 5>, Step<X>>>>);
using Phi = Mul<Rational<1, 2>, Erfc<Mul<Int<-1>, X, Pow<Int<2>, Rational<-1, 2>>>>>;
static_assert(same<D<Gelu<X>>, Add<Phi, Mul<X, Pow<Int<2>, Rational<-1, 2>>, Pow<Pi, Rational<-1, 2>>,
                                            Exp<Mul<Rational<-1, 2>, Pow<X, Int<2>>>>>>>);
// The chain rule through them.
static_assert(same<D<Atan<Mul<Int<2>, X>>>, Mul<Int<2>, Pow<Add<Int<1>, Mul<Int<4>, Pow<X, Int<2>>>>, Int<-1>>>>);

// Values of the derivatives where they are exact.
static_assert(eval<D<Asin<X>>>(0.0) == 1.0 && eval<D<Acos<X>>>(0.0) == -1.0 && eval<D<Atan<X>>>(1.0) == 0.5);
static_assert(eval<D<Atanh<X>>>(0.5) == 1.0 / 0.75 && eval<D<Log1p<X>>>(1.0) == 0.5);
static_assert(eval<D<Cbrt<X>>>(8.0) == 1.0 / 12.0 && eval<D<Softsign<X>>>(-1.0) == 0.25);
static_assert(eval<D<Softplus<X>>>(0.0) == 0.5 && eval<D<LogSigmoid<X>>>(0.0) == 0.5 && eval<D<Silu<X>>>(0.0) == 0.5);
static_assert(eval<D<Gelu<X>>>(0.0) == 0.5 && eval<D<Elu<X>>>(-0.0) == 1.0 && eval<D<Elu<X>>>(2.0) == 1.0);
static_assert(eval<D<LeakyRelu<X>>>(-3.0) == 0.01 && eval<D<LeakyRelu<X>>>(3.0) == 1.0);
static_assert(eval<LeakyRelu<X, Rational<1, 4>>>(-2.0) == -0.5 && eval<LeakyRelu<X>>(2.0) == 2.0);

// ---------------------------------------------------------- constant folding

static_assert(same<Asin<Int<0>>, Int<0>> && same<Asin<Int<1>>, Mul<Rational<1, 2>, Pi>>);
static_assert(same<Asin<Rational<-1, 2>>, Mul<Rational<-1, 6>, Pi>>);
static_assert(same<Acos<Int<1>>, Int<0>> && same<Acos<Int<-1>>, Pi> &&
              same<Acos<Rational<1, 2>>, Mul<Rational<1, 3>, Pi>>);
static_assert(same<Atan<Int<1>>, Mul<Rational<1, 4>, Pi>> && same<Atan<Int<0>>, Int<0>>);
static_assert(same<Sinh<Int<0>>, Int<0>> && same<Cosh<Int<0>>, Int<1>> && same<Asinh<Int<0>>, Int<0>>);
static_assert(same<Acosh<Int<1>>, Int<0>> && same<Atanh<Int<0>>, Int<0>>);
static_assert(same<Erf<Int<0>>, Int<0>> && same<Erfc<Int<0>>, Int<1>>);
static_assert(same<Exp2<Int<10>>, Int<1024>> && same<Exp2<Int<-3>>, Rational<1, 8>> && same<Exp2<Int<0>>, Int<1>>);
static_assert(same<Log2<Int<1024>>, Int<10>> && same<Log2<Rational<1, 8>>, Int<-3>> && same<Log2<Int<1>>, Int<0>>);
static_assert(same<Log10<Int<1000>>, Int<3>> && same<Log10<Rational<1, 100>>, Int<-2>>);
static_assert(!same<Log2<Int<3>>, Int<1>>);  // not exact: stays a node
static_assert(same<Log1p<Int<0>>, Int<0>> && same<Expm1<Int<0>>, Int<0>>);
static_assert(same<Cbrt<Int<27>>, Int<3>> && same<Cbrt<Int<-8>>, Int<-2>> &&
              same<Cbrt<Rational<1, 64>>, Rational<1, 4>>);
static_assert(same<Softplus<Int<0>>, Log<Int<2>>> && same<LogSigmoid<Int<0>>, Neg<Log<Int<2>>>>);
static_assert(same<Silu<Int<0>>, Int<0>> && same<Gelu<Int<0>>, Int<0>> && same<Elu<Int<3>>, Int<3>>);
static_assert(same<Softsign<Int<3>>, Rational<3, 4>> && same<Softsign<Rational<-1, 2>>, Rational<-1, 3>>);
static_assert(same<LeakyRelu<Int<-3>>, Rational<-3, 100>> && same<LeakyRelu<Int<2>>, Int<2>>);
// At the edges of a domain the constants stay (or fold); only outside it is a
// type a compile error (compile_fail/*_constant*.cpp): ln 0 = -inf, log1p(-1) =
// -inf, acosh(1) = 0, atanh(1/2), asin(-1), acos(1).
static_assert(same<Log<Int<0>>, Call<log_fn, Int<0>>> && same<Log2<Int<0>>, Call<log2_fn, Int<0>>>);
static_assert(same<Log10<Rational<1, 3>>, Call<log10_fn, Ratio<1, 3>>> && same<Sqrt<Int<0>>, Int<0>>);
static_assert(same<Log1p<Int<-1>>, Call<log1p_fn, Int<-1>>> &&
              same<Log1p<Rational<-1, 2>>, Call<log1p_fn, Ratio<-1, 2>>>);
static_assert(same<Sqrt<Rational<1, 4>>, Call<sqrt_fn, Ratio<1, 4>>> &&
              same<Acosh<Rational<3, 2>>, Call<acosh_fn, Ratio<3, 2>>>);
static_assert(same<Atanh<Rational<1, 2>>, Call<atanh_fn, Ratio<1, 2>>> &&
              same<Atanh<Rational<-99, 100>>, Call<atanh_fn, Ratio<-99, 100>>>);
static_assert(same<Asin<Int<-1>>, Mul<Rational<-1, 2>, Pi>> && same<Acos<Rational<3, 4>>, Call<acos_fn, Ratio<3, 4>>>);
static_assert(same<D<Pow<Int<2>, X>>, Mul<Pow<Int<2>, X>, Log<Int<2>>>>);

// ----------------------------------------------------------------------- pi

static_assert(same<Sin<Pi>, Int<0>> && same<Cos<Pi>, Int<-1>> && same<Tan<Pi>, Int<0>>);
static_assert(same<Sin<Mul<Rational<1, 2>, Pi>>, Int<1>> && same<Cos<Mul<Rational<1, 3>, Pi>>, Rational<1, 2>>);
static_assert(same<Sin<Mul<Rational<-1, 6>, Pi>>, Rational<-1, 2>> && same<Cos<Mul<Int<2>, Pi>>, Int<1>>);
static_assert(same<Tan<Mul<Rational<3, 4>, Pi>>, Int<-1>>);
static_assert(!Constant<Pi> && same<D<Pi>, Int<0>> && same<D<Mul<Pi, X>>, Pi>);
static_assert(same<Add<Pi, Pi>, Mul<Int<2>, Pi>>);
static_assert(same<Cos<Acos<Int<-1>>>, Int<-1>>);
// pi correctly rounded in each type.
static_assert(eval<Mul<Pi, X>>(1.0) == std::numbers::pi);
static_assert(eval<Mul<Pi, X>>(1.0f) == std::numbers::pi_v<float>);
static_assert(eval<Mul<Pi, X>>(1.0L) == std::numbers::pi_v<long double>);
static_assert(eval<Mul<Pi, X>>(2.0) == 2 * std::numbers::pi);
static_assert(eval<D<Sin<Mul<Pi, X>>>>(0.0) == std::numbers::pi);
static_assert(eval<Gradient<Mul<Pi, X, Y>, X, Y>>(at<X>(1.0), at<Y>(2.0))[0] == 2 * std::numbers::pi);

// ------------------------------------------------------ value-level spelling

constexpr auto x = X{};
static_assert(same<decltype(asin(x)), Asin<X>> && same<decltype(acos(x)), Acos<X>> && same<decltype(atan(x)), Atan<X>>);
static_assert(same<decltype(sinh(x)), Sinh<X>> && same<decltype(cosh(x)), Cosh<X>>);
static_assert(same<decltype(asinh(x)), Asinh<X>> && same<decltype(acosh(x)), Acosh<X>> &&
              same<decltype(atanh(x)), Atanh<X>>);
static_assert(same<decltype(erf(x)), Erf<X>> && same<decltype(erfc(x)), Erfc<X>>);
static_assert(same<decltype(exp2(x)), Exp2<X>> && same<decltype(log2(x)), Log2<X>> &&
              same<decltype(log10(x)), Log10<X>>);
static_assert(same<decltype(log1p(x)), Log1p<X>> && same<decltype(expm1(x)), Expm1<X>> &&
              same<decltype(cbrt(x)), Cbrt<X>>);
static_assert(same<decltype(softplus(x)), Softplus<X>> && same<decltype(silu(x)), Silu<X>> &&
              same<decltype(gelu(x)), Gelu<X>> && same<decltype(elu(x)), Elu<X>>);
static_assert(same<decltype(leaky_relu(x)), LeakyRelu<X>> &&
              same<decltype(leaky_relu<Rational<1, 5>>(x)), LeakyRelu<X, Rational<1, 5>>>);
static_assert(same<decltype(log_sigmoid(x)), LogSigmoid<X>> && same<decltype(softsign(x)), Softsign<X>>);
static_assert(same<decltype(sin(pi * x)), Sin<Mul<Pi, X>>> && same<std::remove_const_t<decltype(pi)>, Pi>);
static_assert(same<decltype(step(x)), Step<X>> && same<decltype(sign(x)), Sign<X>>);

// ------------------------------------------------------------------ printing

// Each one's printed name: in text as <cmath> spells it (or PyTorch, for the
// activations), in LaTeX as ISO 80000-2 does where it has a symbol.
template <class E>
constexpr bool prints(std::string_view text, std::string_view latex) {
    return to_text<E>() == text && to_latex<E>() == latex;
}
static_assert(prints<Asin<X>>("asin(x)", "\\arcsin\\left(x\\right)") &&
              prints<Acos<X>>("acos(x)", "\\arccos\\left(x\\right)") &&
              prints<Atan<X>>("atan(x)", "\\arctan\\left(x\\right)"));
static_assert(prints<Sinh<X>>("sinh(x)", "\\sinh\\left(x\\right)") &&
              prints<Cosh<X>>("cosh(x)", "\\cosh\\left(x\\right)"));
static_assert(prints<Asinh<X>>("asinh(x)", "\\operatorname{arsinh}\\left(x\\right)") &&
              prints<Acosh<X>>("acosh(x)", "\\operatorname{arcosh}\\left(x\\right)") &&
              prints<Atanh<X>>("atanh(x)", "\\operatorname{artanh}\\left(x\\right)"));
static_assert(prints<Erf<X>>("erf(x)", "\\operatorname{erf}\\left(x\\right)") &&
              prints<Erfc<X>>("erfc(x)", "\\operatorname{erfc}\\left(x\\right)"));
static_assert(prints<Exp2<X>>("exp2(x)", "\\operatorname{exp2}\\left(x\\right)") &&
              prints<Log2<X>>("log2(x)", "\\log_2\\left(x\\right)") &&
              prints<Log10<X>>("log10(x)", "\\log_{10}\\left(x\\right)"));
static_assert(prints<Log1p<X>>("log1p(x)", "\\operatorname{log1p}\\left(x\\right)") &&
              prints<Expm1<X>>("expm1(x)", "\\operatorname{expm1}\\left(x\\right)") &&
              prints<Cbrt<X>>("cbrt(x)", "\\operatorname{cbrt}\\left(x\\right)"));
static_assert(prints<Softplus<X>>("softplus(x)", "\\operatorname{softplus}\\left(x\\right)") &&
              prints<Silu<X>>("silu(x)", "\\operatorname{SiLU}\\left(x\\right)") &&
              prints<Gelu<X>>("gelu(x)", "\\operatorname{GELU}\\left(x\\right)") &&
              prints<Elu<X>>("elu(x)", "\\operatorname{ELU}\\left(x\\right)"));
static_assert(prints<LeakyRelu<X>>("leaky_relu(x)", "\\operatorname{leaky\\_relu}\\left(x\\right)") &&
              prints<LogSigmoid<X>>("log_sigmoid(x)", "\\log\\sigma\\left(x\\right)") &&
              prints<Softsign<X>>("softsign(x)", "\\operatorname{softsign}\\left(x\\right)"));
static_assert(prints<Atan2<Y, X>>("atan2(y, x)", "\\operatorname{atan2}\\left(y, x\\right)") &&
              prints<Hypot<X, Y>>("hypot(x, y)", "\\operatorname{hypot}\\left(x, y\\right)") &&
              prints<Max<X, Y>>("max(x, y)", "\\max\\left(x, y\\right)") &&
              prints<Min<X, Y>>("min(x, y)", "\\min\\left(x, y\\right)"));
static_assert(prints<Mul<Pi, X>>("x*pi", "x \\pi"));

// Every built-in tag is a Function, and has a name.
static_assert(Function<asin_fn> && Function<gelu_fn> && Function<leaky_relu_fn<Rational<1, 100>>> && Function<pi_fn>);
static_assert(Function<max_fn> && Function<atan2_fn> && Function<heaviside_fn<Int<0>>> && !Function<Pi>);
// Leaky relus of two slopes are two functions: ordered by the key of their slope.
static_assert(!same<LeakyRelu<X>, LeakyRelu<X, Rational<1, 5>>>);
static_assert(same<Add<LeakyRelu<X>, LeakyRelu<X, Rational<1, 5>>>, Add<LeakyRelu<X, Rational<1, 5>>, LeakyRelu<X>>>);
static_assert(eval<Add<LeakyRelu<X>, LeakyRelu<X, Rational<1, 5>>>>(-1.0) == -0.01 - 0.2);

// ------------------------------------------------------ two arguments

static_assert(same<Max<X, Y>, Max<Y, X>> && same<Max<X, X>, X> && same<Max<Int<2>, Int<3>>, Int<3>>);
static_assert(same<Min<Int<2>, Rational<1, 2>>, Rational<1, 2>> && same<Min<Y, X>, Call<min_fn, X, Y>>);
static_assert(same<D<Max<X, Y>, X>, Heaviside<Sub<X, Y>, Rational<1, 2>>>);
static_assert(same<D<Min<X, Y>, X>, Heaviside<Sub<Y, X>, Rational<1, 2>>>);
static_assert(same<D<Hypot<X, Y>, X>, Div<X, Hypot<X, Y>>> && same<Hypot<Y, X>, Hypot<X, Y>>);
static_assert(same<D<Atan2<Y, X>, Y>, Mul<X, Pow<Hypot<X, Y>, Int<-2>>>>);
static_assert(same<D<Atan2<Y, X>, X>, Neg<Mul<Y, Pow<Hypot<X, Y>, Int<-2>>>>>);
static_assert(same<Hypot<Int<3>, Int<4>>, Int<5>> && same<Hypot<Rational<3, 5>, Rational<4, 5>>, Int<1>>);
static_assert(same<Atan2<Int<1>, Int<1>>, Mul<Rational<1, 4>, Pi>> && same<Atan2<Int<0>, Int<-2>>, Pi>);
static_assert(same<Atan2<Int<-1>, Int<0>>, Mul<Rational<-1, 2>, Pi>> &&
              same<Atan2<Int<1>, Int<-1>>, Mul<Rational<3, 4>, Pi>>);
static_assert(same<Atan2<Int<0>, Int<1>>, Int<0>> && !same<Atan2<Int<1>, Int<2>>, Int<0>>);
static_assert(eval<Max<X, Y>>(at<X>(2.0), at<Y>(1.0)) == 2.0 && eval<Min<X, Y>>(at<X>(2.0), at<Y>(1.0)) == 1.0);
static_assert(eval<Hypot<X, Y>>(at<X>(3.0), at<Y>(4.0)) == 5.0);
static_assert(eval<Atan2<Y, X>>(at<X>(-1.0), at<Y>(0.0)) == std::numbers::pi);
static_assert(eval<Gradient<Hypot<X, Y>, X, Y>>(at<X>(3.0), at<Y>(4.0))[1] == 0.8);
static_assert(eval<Gradient<Atan2<Y, X>, X, Y>>(at<X>(1.0), at<Y>(0.0))[1] == 1.0);
static_assert(eval<Gradient<Max<X, Y>, X, Y>>(at<X>(2.0), at<Y>(1.0))[0] == 1.0);
static_assert(eval<Gradient<Min<X, Y>, X, Y>>(at<X>(2.0), at<Y>(1.0))[1] == 1.0);
// One argument inside the other: max(x, 2x) is 2x for x > 0, x for x < 0.
static_assert(eval<D<Max<X, Mul<Int<2>, X>>>>(1.0) == 2.0 && eval<D<Max<X, Mul<Int<2>, X>>>>(-1.0) == 1.0);
// NaN in, NaN out.
static_assert(eval<Max<X, Y>>(at<X>(std::numeric_limits<double>::quiet_NaN()), at<Y>(1.0)) !=
              eval<Max<X, Y>>(at<X>(std::numeric_limits<double>::quiet_NaN()), at<Y>(1.0)));
static_assert(same<decltype(max(x, Y{})), Max<X, Y>> && same<decltype(min(x, Y{})), Min<X, Y>>);
static_assert(same<decltype(hypot(Y{}, x)), Hypot<X, Y>> && same<decltype(atan2(Y{}, x)), Atan2<Y, X>>);
static_assert(same<decltype(heaviside<Rational<1, 2>>(x)), Heaviside<X, Rational<1, 2>>>);

// ------------------------------------------------------------------- tails

constexpr double inf = std::numeric_limits<double>::infinity();
static_assert(eval<Softplus<X>>(800.0) == 800.0 && eval<D<Softplus<X>>>(800.0) == 1.0);
static_assert(eval<Softplus<X>>(-800.0) == 0.0 && eval<D<Softplus<X>, X, 2>>(800.0) == 0.0);
static_assert(eval<D<Sigmoid<X>>>(-800.0) == 0.0 && eval<D<Sigmoid<X>>>(800.0) == 0.0);
static_assert(eval<LogSigmoid<X>>(-800.0) == -800.0 && eval<D<LogSigmoid<X>>>(-800.0) == 1.0);
static_assert(eval<LogSigmoid<X>>(800.0) == 0.0 && eval<D<LogSigmoid<X>>>(800.0) == 0.0);
static_assert(eval<Silu<X>>(-800.0) == 0.0 && eval<Silu<X>>(800.0) == 800.0);
static_assert(eval<D<Silu<X>>>(800.0) == 1.0 && eval<D<Silu<X>>>(-800.0) == 0.0);
static_assert(eval<Gelu<X>>(800.0) == 800.0 && eval<Gelu<X>>(-800.0) == 0.0);
static_assert(eval<D<Gelu<X>>>(800.0) == 1.0 && eval<D<Gelu<X>>>(-800.0) == 0.0);
static_assert(eval<Elu<X>>(-800.0) == -1.0 && eval<D<Elu<X>>>(800.0) == 1.0 && eval<D<Elu<X>>>(-800.0) == 0.0);
static_assert(eval<Softsign<X>>(1e300) == 1.0 && eval<D<Softsign<X>>>(1e100) == 1e-200);
static_assert(eval<Softplus<X>>(1e300) == 1e300 && eval<LogSigmoid<X>>(-1e300) == -1e300);
static_assert(eval<Erfc<X>>(30.0) == 0.0 && eval<Erf<X>>(-30.0) == -1.0);

// No activation, nor its first two derivatives, overflows to inf or NaN for a
// finite input where the true value is finite: checked on a grid of inputs
// out to +-1e300, here in constant evaluation, below at run time.
constexpr double grid[] = {0.0,   1e-300, 1e-8,  0.5,   1.0, 3.0,  10.0,  20.0,  30.0,  40.0,
                           100.0, 700.0,  710.0, 800.0, 1e4, 1e10, 1e100, 1e150, 1e200, 1e300};
template <class F>
constexpr bool finite_on(double limit) {
    for (double p : grid) {
        for (double u : {p, -p}) {
            if (u > limit || u < -limit) continue;
            const double v[] = {eval<F>(u), eval<D<F>>(u), eval<D<F, X, 2>>(u)};
            for (double w : v)
                if (!(w == w) || w == inf || w == -inf) return false;
        }
    }
    return true;
}
static_assert(finite_on<Sigmoid<X>>(inf) && finite_on<Tanh<X>>(inf) && finite_on<Relu<X>>(inf));
static_assert(finite_on<Softplus<X>>(inf) && finite_on<LogSigmoid<X>>(inf) && finite_on<Silu<X>>(inf));
static_assert(finite_on<Elu<X>>(inf) && finite_on<LeakyRelu<X>>(inf) && finite_on<Softsign<X>>(inf));
static_assert(finite_on<Gelu<X>>(inf));

// Gelu's derivatives where u^2 and u^3 overflow: 2 phi(u) - u^2 phi(u) and
// u^3 phi(u) - 4 u phi(u) are 0 (u^m phi(u) is one node where phi underflows,
// detail/stable.hpp), and at +-inf their limits; gelu' is 1 and 0 there.
constexpr double huge = std::numeric_limits<double>::max();
constexpr double gelu_tail_points[] = {1e154, 1e200, huge, inf};
template <class F1, class F2, class F3>
constexpr bool gelu_tails(F1 d1, F2 d2, F3 d3) {
    for (double u : gelu_tail_points)
        if (d1(u) != 1.0 || d1(-u) != 0.0 || d2(u) != 0.0 || d2(-u) != 0.0 || d3(u) != 0.0 || d3(-u) != 0.0)
            return false;
    return true;
}
static_assert(gelu_tails([](double u) { return eval<D<Gelu<X>>>(u); },
                         [](double u) { return eval<D<Gelu<X>, X, 2>>(u); },
                         [](double u) { return eval<D<Gelu<X>, X, 3>>(u); }));

// ------------------------------------------------------------------ kinks

// The default policy is PyTorch's (functions/kinks.hpp; the others are
// tested by kinks_midpoint_test.cpp and kinks_right_test.cpp).
static_assert(same<kink_policy, kinks::pytorch>);
static_assert(eval<D<Relu<X>>>(0.0) == 0.0 && eval<D<Abs<X>>>(0.0) == 0.0);
static_assert(eval<D<LeakyRelu<X>>>(0.0) == 0.01 && eval<D<Elu<X>>>(0.0) == 1.0 && eval<D<Elu<X>, X, 2>>(0.0) == 1.0);
static_assert(same<Step<Int<0>>, Int<0>> && same<Sign<Int<0>>, Int<0>>);
// A tie of max or min splits the gradient evenly, as torch.maximum and
// torch.minimum do.
static_assert(eval<Gradient<Max<X, Y>, X, Y>>(at<X>(1.0), at<Y>(1.0)) == std::array{0.5, 0.5});
static_assert(eval<Gradient<Min<X, Y>, X, Y>>(at<X>(1.0), at<Y>(1.0)) == std::array{0.5, 0.5});

}  // namespace

// The same values at run time (<cmath> instead of the constexpr math).
template <class F>
double at_run_time(double u) {
    volatile double v = u;
    return eval<F>(double(v));
}

template <class F>
bool finite_at_run_time(double limit) {
    for (double p : grid) {
        for (double u : {p, -p}) {
            if (u > limit || u < -limit) continue;
            using D1 = D<F>;
            using D2 = D<F, X, 2>;
            for (double w : {at_run_time<F>(u), at_run_time<D1>(u), at_run_time<D2>(u)})
                if (!std::isfinite(w)) return false;
        }
    }
    return true;
}

BOOST_AUTO_TEST_CASE(tails_at_run_time) {
    BOOST_TEST(at_run_time<Softplus<X>>(800.0) == 800.0);
    BOOST_TEST(at_run_time<D<Softplus<X>>>(800.0) == 1.0);
    BOOST_TEST(at_run_time<D<Sigmoid<X>>>(-800.0) == 0.0);
    BOOST_TEST(at_run_time<LogSigmoid<X>>(-800.0) == -800.0);
    BOOST_TEST(at_run_time<Gelu<X>>(-800.0) == 0.0);
    BOOST_TEST(at_run_time<D<Gelu<X>>>(800.0) == 1.0);
    BOOST_TEST(at_run_time<Elu<X>>(-800.0) == -1.0);
    BOOST_TEST(finite_at_run_time<Sigmoid<X>>(inf));
    BOOST_TEST(finite_at_run_time<Tanh<X>>(inf));
    BOOST_TEST(finite_at_run_time<Relu<X>>(inf));
    BOOST_TEST(finite_at_run_time<Softplus<X>>(inf));
    BOOST_TEST(finite_at_run_time<LogSigmoid<X>>(inf));
    BOOST_TEST(finite_at_run_time<Silu<X>>(inf));
    BOOST_TEST(finite_at_run_time<Elu<X>>(inf));
    BOOST_TEST(finite_at_run_time<LeakyRelu<X>>(inf));
    BOOST_TEST(finite_at_run_time<Softsign<X>>(inf));
    BOOST_TEST(finite_at_run_time<Gelu<X>>(inf));
    BOOST_TEST(gelu_tails([](double u) { return at_run_time<D<Gelu<X>>>(u); },
                          [](double u) { return at_run_time<D<Gelu<X>, X, 2>>(u); },
                          [](double u) { return at_run_time<D<Gelu<X>, X, 3>>(u); }));
}

BOOST_AUTO_TEST_CASE(pi_at_run_time) {
    using PiX = Mul<Pi, X>;
    BOOST_TEST(at_run_time<PiX>(1.0) == std::numbers::pi);
    BOOST_TEST(at_run_time<Asin<X>>(1.0) == std::numbers::pi / 2);
    BOOST_TEST(at_run_time<Acos<X>>(-1.0) == std::numbers::pi);
}

BOOST_AUTO_TEST_CASE(kinks_at_run_time) {
    BOOST_TEST(at_run_time<D<Relu<X>>>(0.0) == 0.0);
    BOOST_TEST(at_run_time<D<Abs<X>>>(0.0) == 0.0);
    BOOST_TEST(at_run_time<D<LeakyRelu<X>>>(0.0) == 0.01);
    using Elu2 = D<Elu<X>, X, 2>;
    BOOST_TEST(at_run_time<Elu2>(0.0) == 1.0);
}
