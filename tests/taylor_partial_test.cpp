// Mirrors chainrule/taylor.hpp.
// Mixed partials of high order in Taylor mode (issue 8): TaylorPartial against
// Boost.Math's order-12 reference, against mpmath (taylor_partial_reference.hpp,
// from scripts/gen_taylor_reference.py), and against the nested symbolic
// derivative Partial<E, ...> at low orders, in float, double and long double,
// at run time and in constant evaluation.
#include <boost/test/unit_test.hpp>

#include <chainrule.hpp>

#include "taylor_partial_reference.hpp"

#include <cmath>
#include <cstddef>
#include <limits>
#include <utility>

using namespace chainrule;

namespace {

using W = Var<'w'>;

// Boost.Math's test function (test_autodiff_4):
// f(w, x, y, z) = exp(w sin(x log(y) / z) + sqrt(w z / (x y))) + w^2 / tan(z)
using BoostF =
    Add<Exp<Add<Mul<W, Sin<Div<Mul<X, Log<Y>>, Z>>>, Sqrt<Div<Mul<W, Z>, Mul<X, Y>>>>>, Div<Pow<W, Int<2>>, Tan<Z>>>;
constexpr long double boost_order12 = 1976.3196007477977177798818752904187209L;  // Boost's reference

template <class T>
constexpr auto boost_point() {
    return point(at<W>(T(11)), at<X>(T(12)), at<Y>(T(13)), at<Z>(T(14)));
}

template <class T>
constexpr bool within(T value, long double reference, long double relative) {
    const long double d = static_cast<long double>(value) - reference;
    const long double r = reference < 0 ? -reference : reference;
    return (d < 0 ? -d : d) <= relative * r;
}

// A value the optimiser cannot fold: the run-time checks run the code.
inline double at_run_time(double x) {
    volatile double v = x;
    return v;
}

// ------------------------------------------------ user functions, for D

// bump(u) = exp(-u^2), a user function of one argument.
struct bump_fn {
    static constexpr const char* name = "bump";
    template <class U>
    using derivative = Mul<Int<-2>, U, Apply<bump_fn, U>>;
    template <class T>
    static constexpr T eval(T u) {
        return math::exp(-u * u);
    }
};
template <Expression A>
using Bump = Apply<bump_fn, A>;

// scaled(u, w) = u exp(w), a user function of two arguments.
struct scaled_fn {
    static constexpr const char* name = "scaled";
    template <class U, class V>
    using derivative = Partials<Exp<V>, Mul<U, Exp<V>>>;
    template <class T>
    static constexpr T eval(T u, T w) {
        return u * math::exp(w);
    }
};
template <Expression A, Expression B>
using Scaled = Apply<scaled_fn, A, B>;

}  // namespace

// ------------------------------------------------------ constant evaluation

// The whole machinery, every kind of node and the coefficients of exp, sin,
// log, sqrt and tan, at order 6 of Boost's function, against mpmath.
static_assert(within(eval<TaylorPartial<BoostF, Order<W, 2>, X, Order<Y, 2>, Z>>(boost_point<double>()),
                     taylor_reference::boost_2121, 1e-13L));
// x^y, a power whose exponent varies, against mpmath; and its call syntax.
static_assert(within(TaylorPartial<Pow<X, Y>, Order<X, 3>, Order<Y, 3>>{}(point(at<X>(2.0), at<Y>(2.5))),
                     taylor_reference::pow_partials[24].value, 1e-14L));
static_assert(taylor_reference::pow_partials[24].i == 3 && taylor_reference::pow_partials[24].j == 3);
// One variable, one number; order 0 is the value; a variable not in E gives 0.
static_assert(eval<TaylorPartial<Pow<X, Int<5>>, Order<X, 5>>>(3.0) == 120.0);
static_assert(eval<TaylorPartial<Pow<X, Int<5>>, Order<X, 6>>>(0.0) == 0.0);
static_assert(eval<TaylorPartial<Mul<X, Y>, Order<X, 0>, Y>>(point(at<X>(3.0), at<Y>(2.0))) == 3.0);
static_assert(eval<TaylorPartial<Sin<X>, X, Y>>(point(at<X>(1.0), at<Y>(2.0))) == 0.0);
static_assert(eval<TaylorPartial<Sin<X>>>(0.0) == 0.0);
static_assert(eval<TaylorPartial<Int<7>>>(0.0) == 7.0);
static_assert(eval<TaylorPartial<Int<7>, X>>(0.0) == 0.0);
// The roots to order 20, past the orders at which their derivatives as types
// overflow a constant (sqrt 18, cbrt 16): d^20 sqrt(u) at u = 4 is
// -37!! / 2^59 and d^20 cbrt(u) at u = 8 is prod_{j < 20} (1/3 - j) 2^-59,
// exactly (the fractions by Python's fractions module, rounded).
using SqrtOrder20 = TaylorPartial<Sqrt<Add<X, Int<3>>>, Order<X, 20>>;
using CbrtOrder20 = TaylorPartial<Cbrt<Add<X, Int<7>>>, Order<X, 20>>;
static_assert(within(eval<SqrtOrder20>(1.0), -14226.110797429199L, 1e-14L));
static_assert(within(eval<CbrtOrder20>(1.0), -0.019353694418677177L, 1e-14L));
// Where the root's argument is 0 or infinite its coefficients are limits, as
// D's forms give them: the slope is +inf at 0 and +0 at +-inf.
static_assert(eval<TaylorPartial<Sqrt<X>, X>>(std::numeric_limits<double>::infinity()) == 0.0);
static_assert(eval<TaylorPartial<Cbrt<X>, X>>(-std::numeric_limits<double>::infinity()) == 0.0);
static_assert(eval<TaylorPartial<Sqrt<X>, X>>(0.0) == std::numeric_limits<double>::infinity());

// ----------------------------------------------------------- at run time

BOOST_AUTO_TEST_CASE(roots_to_order_20_at_run_time) {
    const double one = at_run_time(1.0);
    BOOST_TEST(within(eval<SqrtOrder20>(one), -14226.110797429199L, 1e-14L));
    BOOST_TEST(within(eval<CbrtOrder20>(one), -0.019353694418677177L, 1e-14L));
    // at the root's zero every derivative is infinite, and Taylor mode's
    // composition multiplies it by the zeros of the argument's series
    // (docs/guide.md: no Taylor expansion there): the first is +inf as D's
    using CbrtSlope = TaylorPartial<Cbrt<X>, X>;
    BOOST_TEST(eval<CbrtSlope>(at_run_time(0.0)) == INFINITY);
    BOOST_TEST(eval<D<Cbrt<X>>>(at_run_time(0.0)) == INFINITY);
    using SqrtSlope = TaylorPartial<Sqrt<X>, X>;
    BOOST_TEST(eval<SqrtSlope>(at_run_time(INFINITY)) == 0.0);
    BOOST_TEST(eval<CbrtSlope>(at_run_time(-INFINITY)) == 0.0);
    BOOST_TEST(std::isnan(eval<SqrtSlope>(at_run_time(NAN))));
}

BOOST_AUTO_TEST_CASE(boost_math_order_12) {
    // d^12 f / dw^3 dx^2 dy^4 dz^3 at (11, 12, 13, 14)
    using P = TaylorPartial<BoostF, Order<W, 3>, Order<X, 2>, Order<Y, 4>, Order<Z, 3>>;
    const double d = eval<P>(boost_point<double>());
    BOOST_TEST(within(d, boost_order12, 1e-12L), "double " << d);
    const long double l = eval<P>(boost_point<long double>());
    BOOST_TEST(within(l, boost_order12, 4000 * std::numeric_limits<long double>::epsilon()), "long double " << l);
    // (float is checked on the partials of x^y below, which cost less to compile)
    // the order of the variables does not matter, and the call syntax is eval's
    const double swapped =
        TaylorPartial<BoostF, Order<Z, 3>, Order<Y, 4>, Order<W, 3>, Order<X, 2>>{}(boost_point<double>());
    BOOST_TEST(within(swapped, boost_order12, 1e-12L), "reordered " << swapped);
}

namespace {
// Every d^(i+j) x^y / dx^i dy^j, i + j <= 6, at (2, 2.5) in T, within Boost's
// tolerance of 4000 epsilon.
template <class T, std::size_t... K>
void check_pow_partials(std::index_sequence<K...>) {
    using taylor_reference::pow_partials;
    const auto p = point(at<X>(T(2)), at<Y>(T(2.5)));
    const T values[] = {eval<TaylorPartial<Pow<X, Y>, Order<X, pow_partials[K].i>, Order<Y, pow_partials[K].j>>>(p)...};
    for (std::size_t k = 0; k < sizeof...(K); ++k)
        BOOST_TEST(within(values[k], pow_partials[k].value, 4000 * std::numeric_limits<T>::epsilon()),
                   "d^" << pow_partials[k].i << "/dx, d^" << pow_partials[k].j << "/dy: " << values[k]);
}
}  // namespace

BOOST_AUTO_TEST_CASE(pow_partials_against_mpmath) {
    constexpr std::size_t n = taylor_reference::pow_partials.size();
    check_pow_partials<float>(std::make_index_sequence<n>{});
    check_pow_partials<double>(std::make_index_sequence<n>{});
    check_pow_partials<long double>(std::make_index_sequence<n>{});
}

namespace {
// TaylorPartial<E, Specs...> against the symbolic Partial<E, Vs...> (the same
// derivative, taken one variable at a time) at a point, in double.
template <class Taylor, class Symbolic, class Point>
void agree(const Point& p, const char* what) {
    const double t = eval<Taylor>(p);
    const double s = eval<Symbolic>(p);
    BOOST_TEST(std::abs(t - s) <= 1e-12 * (std::abs(s) > 1 ? std::abs(s) : 1.0),
               what << ": Taylor " << t << ", symbolic " << s);
}
}  // namespace

BOOST_AUTO_TEST_CASE(agrees_with_symbolic_partials) {
    // Orders (2, 1): the symbolic partial grows about four times per order.
    // Each expression is a sum of the cases it checks, one graph for all.
    const auto p = point(at<X>(0.7), at<Y>(-0.4));
    using Activations = Add<Sigmoid<Mul<X, Y>>, Tanh<Add<X, Mul<Int<2>, Y>>>>;
    agree<TaylorPartial<Activations, Order<X, 2>, Y>, Partial<Activations, X, X, Y>>(p, "sigmoid(x y) + tanh(x + 2y)");
    using Powers = Add<Pow<Add<X, Int<1>>, Sin<Y>>, Pow<Int<2>, Mul<X, Y>>>;  // exponents that vary
    agree<TaylorPartial<Powers, Order<X, 2>, Y>, Partial<Powers, X, X, Y>>(p, "(x + 1)^sin(y) + 2^(x y)");
    using TwoArguments = Add<Atan2<Y, X>, Hypot<Int<3>, Mul<X, Y>>, Max<Sin<X>, Mul<X, Y>>, Min<Cos<Y>, Mul<X, X>>>;
    agree<TaylorPartial<TwoArguments, Order<X, 2>, Y>, Partial<TwoArguments, X, X, Y>>(
        p, "atan2(y, x) + hypot(3, x y) + max(sin x, x y) + min(cos y, x^2)");
    using User = Add<Bump<Mul<X, Y>>, Scaled<Sin<X>, Mul<X, Y>>>;
    agree<TaylorPartial<User, Order<X, 2>, Y>, Partial<User, X, X, Y>>(p, "bump(x y) + scaled(sin x, x y)");
    using Q = Mul<Pi, Div<Sqrt<Add<X, Int<2>>>, Pow<Add<Mul<X, X>, Y, Int<1>>, Rational<3, 2>>>>;
    agree<TaylorPartial<Q, Order<X, 2>, Y>, Partial<Q, X, X, Y>>(p, "pi sqrt(x + 2) / (x^2 + y + 1)^(3/2)");
    // y held constant (not in the box); z in the box but not in E
    using F = Mul<Sin<X>, Exp<Y>>;
    agree<TaylorPartial<F, Order<X, 3>>, Partial<F, X, X, X>>(p, "sin(x) e^y by x only");
    using FZ = TaylorPartial<F, X, Z>;
    BOOST_TEST(eval<FZ>(point(at<X>(0.7), at<Y>(-0.4), at<Z>(1.0))) == 0.0);
}
