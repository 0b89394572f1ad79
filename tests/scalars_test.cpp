// Gradients, Jacobians and Hessians for every kind of scalar: float, double,
// long double, and user types whose arithmetic and functions are found by
// ADL -- a counting scalar, an interval type, and Boost's 50-digit float.
#include <boost/test/unit_test.hpp>

#include <chainrule.hpp>

#include "support/counting_scalar.hpp"
#include "support/interval.hpp"

#include <boost/multiprecision/cpp_bin_float.hpp>
#include <boost/multiprecision/cpp_int.hpp>

#include <array>
#include <type_traits>

using namespace chainrule;

// A type whose division truncates is not a Scalar (issue 12): x/2 at 3 would
// be 1, and every derivative with a fraction in it wrong. Known by
// numeric_limits (Boost's cpp_int), or by T(1) / T(2) == T(0) in a constant
// expression (whole, below); a literal type that divides exactly is a Scalar.
namespace user_types {
struct whole {
    long long v;
    constexpr whole(long long n) : v(n) {}
    friend constexpr whole operator+(whole a, whole b) { return a.v + b.v; }
    friend constexpr whole operator-(whole a, whole b) { return a.v - b.v; }
    friend constexpr whole operator*(whole a, whole b) { return a.v * b.v; }
    friend constexpr whole operator/(whole a, whole b) { return a.v / b.v; }
    friend constexpr whole operator-(whole a) { return -a.v; }
    friend constexpr bool operator==(whole, whole) = default;
};
struct exact {
    double v = 0;
    constexpr exact() = default;
    constexpr exact(long long n) : v(static_cast<double>(n)) {}
    constexpr exact(double x) : v(x) {}
    friend constexpr exact operator+(exact a, exact b) { return a.v + b.v; }
    friend constexpr exact operator-(exact a, exact b) { return a.v - b.v; }
    friend constexpr exact operator*(exact a, exact b) { return a.v * b.v; }
    friend constexpr exact operator/(exact a, exact b) { return a.v / b.v; }
    friend constexpr exact operator-(exact a) { return -a.v; }
    friend constexpr bool operator==(exact, exact) = default;
};
}  // namespace user_types

namespace {

using W = Var<'w'>;
using B = Var<'b'>;
// The tutorial's weighted chain: L(w, b) = (sigmoid(relu(w z + b)) - 0.8)^2.
using Loss = Pow<Sub<Sigmoid<Relu<Add<Mul<W, Z>, B>>>, Rational<4, 5>>, Int<2>>;
using LossGradient = Gradient<Loss, W, B>;

// Rosenbrock's function (1 - x)^2 + 100 (y - x^2)^2.
using Rosenbrock = Add<Pow<Sub<Int<1>, X>, Int<2>>, Mul<Int<100>, Pow<Sub<Y, Pow<X, Int<2>>>, Int<2>>>>;

template <class T>
constexpr bool close(T a, T b, T tol) {
    return (a > b ? a - b : b - a) <= tol;
}

// The built-in floating types, in constant expressions: the result has the
// type of the values bound.
template <class T>
constexpr bool floating_gradient_is_right(T tol) {
    constexpr auto g = eval<LossGradient>(at<W>(T(1)), at<B>(T(0)), at<Z>(T(2)));
    static_assert(std::is_same_v<decltype(g), const std::array<T, 2>>);
    constexpr auto h = eval<Hessian<Rosenbrock, X, Y>>(at<X>(T(1)), at<Y>(T(1)));
    static_assert(std::is_same_v<decltype(h), const std::array<std::array<T, 2>, 2>>);
    return close(g[0], T(0.0339326996280983042287739206134505548L), tol) &&
           close(g[1], T(0.0169663498140491521143869603067252774L), tol) && h[0][0] == T(802) && h[0][1] == T(-400) &&
           h[1][1] == T(200);
}
static_assert(floating_gradient_is_right<float>(1e-7f));
static_assert(floating_gradient_is_right<double>(1e-16));
static_assert(floating_gradient_is_right<long double>(1e-19L));

static_assert(!Scalar<user_types::whole> && Scalar<user_types::exact>);
static_assert(!Scalar<boost::multiprecision::cpp_int>);
static_assert(!Scalar<int> && !Scalar<long long> && !Scalar<bool>);
static_assert(Scalar<float> && Scalar<double> && Scalar<long double>);
static_assert(Scalar<boost::multiprecision::cpp_bin_float_50>);
static_assert(Scalar<counting::scalar> && Scalar<interval_arithmetic::interval>);
static_assert(eval<Div<X, Int<2>>>(user_types::exact{3.0}).v == 1.5);

}  // namespace

BOOST_AUTO_TEST_CASE(counting_scalar_gives_the_double_results) {
    using S = counting::scalar;
    auto g = eval<LossGradient>(at<W>(S(1.0)), at<B>(S(0.0)), at<Z>(S(2.0)));
    auto d = eval<LossGradient>(at<W>(1.0), at<B>(0.0), at<Z>(2.0));
    BOOST_TEST(g[0].v == d[0]);
    BOOST_TEST(g[1].v == d[1]);
    auto h = eval<Hessian<Rosenbrock, X, Y>>(at<X>(S(-1.2)), at<Y>(S(1.0)));
    auto hd = eval<Hessian<Rosenbrock, X, Y>>(at<X>(-1.2), at<Y>(1.0));
    BOOST_TEST(h[0][0].v == hd[0][0]);
    BOOST_TEST(h[0][1].v == hd[0][1]);
    BOOST_TEST(h[1][1].v == hd[1][1]);
}

// The exact gradient at the exact point lies in the interval result.
BOOST_AUTO_TEST_CASE(interval_encloses_the_true_gradient) {
    using interval_arithmetic::interval;
    // The tutorial's point is exact in binary; the reference is by mpmath.
    auto g = eval<LossGradient>(at<W>(interval(1)), at<B>(interval(0)), at<Z>(interval(2)));
    BOOST_TEST_INFO("dL/dw in [" << g[0].lo << ", " << g[0].hi << "]");
    BOOST_TEST(g[0].contains(0.0339326996280983042287739206134505548L));
    BOOST_TEST(g[1].contains(0.0169663498140491521143869603067252774L));
    BOOST_TEST(g[0].width() < 1e-15);

    // Rosenbrock at (-1.2, 1): -1.2 is not a double, so x is the interval
    // around it; the exact gradient (-215.6, -88) must lie inside.
    auto r = eval<Gradient<Rosenbrock, X, Y>>(at<X>(interval::around(-1.2)), at<Y>(interval(1)));
    BOOST_TEST(r[0].contains(-215.6L));
    BOOST_TEST(r[1].contains(-88.0L));
    BOOST_TEST(r[0].width() < 1e-10);
    auto h = eval<Hessian<Rosenbrock, X, Y>>(at<X>(interval::around(-1.2)), at<Y>(interval(1)));
    BOOST_TEST(h[0][0].contains(1330.0L));  // 1200 x^2 - 400 y + 2
    BOOST_TEST(h[0][1].contains(480.0L));   // -400 x
    BOOST_TEST(h[1][1].contains(200.0L));
}

// 50 decimal digits: the gradient agrees with mpmath to the last few digits.
BOOST_AUTO_TEST_CASE(cpp_bin_float_50_gradient_to_50_digits) {
    using F50 = boost::multiprecision::cpp_bin_float_50;
    const F50 tol("1e-48");

    // References from python3 + mpmath 1.3.0 at mp.dps = 70:
    //   s = 1/(1+exp(-2)); dl = 2*(s - mpf('0.8'))*s*(1 - s); print(2*dl, dl)
    const F50 dw("0.0339326996280983042287739206134505548296468222959684998217562");
    const F50 db("0.0169663498140491521143869603067252774148234111479842499108781");
    auto g = eval<LossGradient>(at<W>(F50(1)), at<B>(F50(0)), at<Z>(F50(2)));
    static_assert(std::is_same_v<decltype(g), std::array<F50, 2>>);
    BOOST_TEST(abs(g[0] - dw) < tol * dw);
    BOOST_TEST(abs(g[1] - db) < tol * db);

    // G = e^(xy) log(x + sin y) at x = 1.5, y = 0.5, by mpmath as above:
    //   gx = y*exp(x*y)*log(x+sin(y)) + exp(x*y)/(x+sin(y))
    //   gy = x*exp(x*y)*log(x+sin(y)) + exp(x*y)*cos(y)/(x+sin(y))
    using G = Mul<Exp<Mul<X, Y>>, Log<Add<X, Sin<Y>>>>;
    const F50 gx("1.79225309091404884735779503910718634555438512839497600862772");
    const F50 gy("3.10682910153425503800311122386700319704596342942097596536034");
    auto gg = eval<Gradient<G, X, Y>>(at<X>(F50("1.5")), at<Y>(F50("0.5")));
    BOOST_TEST(abs(gg[0] - gx) < tol * gx);
    BOOST_TEST(abs(gg[1] - gy) < tol * gy);
}
