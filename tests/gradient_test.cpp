// Mirrors chainrule/gradient.hpp.
// Many variables: partials by every kind of variable, mixed partials,
// gradients, Jacobians and Hessians, in constant expressions and at run time.
#include <boost/test/unit_test.hpp>

#include <chainrule.hpp>

#include <array>
#include <cmath>
#include <type_traits>

using namespace chainrule;

namespace {

using W1 = Var<"w1">;
using B = Var<'b'>;

// ------------------------------------------------ partials and mixed partials

// D<E, V> for every kind of variable: X, Y, Z, one-letter and string names.
using F = Add<Mul<X, Mul<Y, Z>>, Mul<W1, Sin<B>>>;  // xyz + w1 sin b
static_assert(std::is_same_v<D<F, X>, Mul<Y, Z>>);
static_assert(std::is_same_v<D<F, Y>, Mul<X, Z>>);
static_assert(std::is_same_v<D<F, Z>, Mul<X, Y>>);
static_assert(std::is_same_v<D<F, W1>, Sin<B>>);
static_assert(std::is_same_v<D<F, B>, Mul<W1, Cos<B>>>);
static_assert(std::is_same_v<D<F, Var<"unused">>, Int<0>>);

// Mixed partials: D<D<E, X>, Y>, and the direct spelling Partial<E, X, Y>.
static_assert(std::is_same_v<D<D<F, X>, Y>, Z>);
static_assert(std::is_same_v<Partial<F, X, Y>, Z>);
static_assert(std::is_same_v<Partial<F, X, Y>, Partial<F, Y, X>>);  // Schwarz, as types
static_assert(std::is_same_v<Partial<F, X, Y, Z>, Int<1>>);
static_assert(std::is_same_v<Partial<F, B, B>, D<F, B, 2>>);
static_assert(std::is_same_v<Partial<F, W1, B>, Cos<B>>);
static_assert(std::is_same_v<Partial<F>, F>);
static_assert(std::is_same_v<Partial<Mul<X, Y>, X, Y>, Int<1>>);

// ---------------------------------------------------------------- bindings

// Values are bound by variable, in any order.
static_assert(eval<Sub<X, Y>>(at<X>(5.0), at<Y>(2.0)) == 3.0);
static_assert(eval<Sub<X, Y>>(at<Y>(2.0), at<X>(5.0)) == 3.0);
static_assert(eval<F>(at<B>(0.0), at<Z>(4.0), at<W1>(7.0), at<Y>(3.0), at<X>(2.0)) == 24.0);

// Missing and extra bindings are compile errors whose diagnostics spell the
// variable's name (checked by the compile-fail tests); this is the spelling.
static_assert(std::is_same_v<detail::spelled_name_of<W1>, detail::variable_named<'w', '1'>>);
static_assert(std::is_same_v<detail::spelled_name_of<X>, detail::variable_named<'x'>>);

// ---------------------------------------------------------------- gradients

using Product3 = Mul<X, Mul<Y, Z>>;
constexpr auto g3 = eval<Gradient<Product3, X, Y, Z>>(at<X>(2.0), at<Y>(3.0), at<Z>(5.0));
static_assert(std::is_same_v<decltype(g3), const std::array<double, 3>>);
static_assert(g3[0] == 15.0 && g3[1] == 10.0 && g3[2] == 6.0);

// The order of the result is the order of the variables named.
constexpr auto g3r = Gradient<Product3, Z, X>{}(at<X>(2.0), at<Y>(3.0), at<Z>(5.0));
static_assert(g3r[0] == 6.0 && g3r[1] == 15.0);

// A variable E does not have: its partial is 0, and it still takes a value.
constexpr auto g_extra = eval<Gradient<Mul<X, X>, X, Y>>(at<X>(3.0), at<Y>(1.0));
static_assert(g_extra[0] == 6.0 && g_extra[1] == 0.0);

// One variable: a single number is the point.
static_assert(eval<Gradient<Sigmoid<X>, X>>(0.0)[0] == 0.25);
static_assert(Gradient<Int<7>, X>{}(1.0)[0] == 0.0);
static_assert(Gradient<X, X>{}(1.0)[0] == 1.0);

// Every node kind: sums, products with coefficients and quotients, powers
// with integer, negative, fractional and variable exponents, functions.
using Quotient = Div<Mul<Int<3>, X>, Mul<Y, Pow<Z, Int<2>>>>;  // 3x / (y z^2)
constexpr auto gq = eval<Gradient<Quotient, X, Y, Z>>(at<X>(2.0), at<Y>(4.0), at<Z>(0.5));
static_assert(gq[0] == 3.0 && gq[1] == -1.5 && gq[2] == -24.0);

// A fractional coefficient: its denominator sits below the line with y.
constexpr auto gr = eval<Gradient<Div<Mul<Rational<2, 3>, X>, Y>, X, Y>>(at<X>(3.0), at<Y>(2.0));
static_assert(gr[0] == 1.0 / 3.0 && gr[1] == -0.5);
constexpr auto gr2 = eval<Gradient<Mul<Rational<3, 4>, Mul<X, Y>>, X, Y>>(at<X>(3.0), at<Y>(2.0));
static_assert(gr2[0] == 1.5 && gr2[1] == 2.25);
constexpr auto gr3 = eval<Gradient<Mul<Rational<-5, 2>, Sqrt<X>>, X>>(4.0);  // -5/2 * 1/(2 sqrt x)
static_assert(gr3[0] == -0.625);

using Powers = Add<Pow<X, Int<3>>, Add<Pow<Y, Int<-1>>, Sqrt<Z>>>;  // x^3 + 1/y + sqrt z
constexpr auto gp = eval<Gradient<Powers, X, Y, Z>>(at<X>(2.0), at<Y>(4.0), at<Z>(16.0));
static_assert(gp[0] == 12.0 && gp[1] == -0.0625 && gp[2] == 0.125);

// A variable exponent: d(x^y)/dx = y x^(y-1), d(x^y)/dy = x^y ln x.
constexpr auto gxy = eval<Gradient<Pow<X, Y>, X, Y>>(at<X>(2.0), at<Y>(3.0));
static_assert(gxy[0] == 12.0);
static_assert(gxy[1] > 8 * 0.6931471805599452 - 1e-14 && gxy[1] < 8 * 0.6931471805599452 + 1e-14);

// Zeros are fine: products are differentiated without division.
constexpr auto gz = eval<Gradient<Mul<X, Mul<Y, Z>>, X, Y, Z>>(at<X>(0.0), at<Y>(0.0), at<Z>(5.0));
static_assert(gz[0] == 0.0 && gz[1] == 0.0 && gz[2] == 0.0);
constexpr auto gz2 = eval<Gradient<Mul<X, Mul<Y, Z>>, X, Y, Z>>(at<X>(0.0), at<Y>(2.0), at<Z>(5.0));
static_assert(gz2[0] == 10.0 && gz2[1] == 0.0 && gz2[2] == 0.0);

// ----------------------------------------------------------------- Jacobian

using Polar = Functions<Mul<X, Cos<Y>>, Mul<X, Sin<Y>>>;  // (r cos t, r sin t)
constexpr auto jp = eval<Jacobian<Polar, X, Y>>(at<X>(2.0), at<Y>(0.0));
static_assert(std::is_same_v<decltype(jp), const std::array<std::array<double, 2>, 2>>);
static_assert(jp[0][0] == 1.0 && jp[0][1] == 0.0 && jp[1][0] == 0.0 && jp[1][1] == 2.0);

// A row whose function is constant, and a function missing a variable.
constexpr auto jc = Jacobian<Functions<Int<3>, Y, Mul<X, Y>>, X, Y>{}(at<X>(2.0), at<Y>(5.0));
static_assert(jc[0][0] == 0 && jc[0][1] == 0 && jc[1][0] == 0 && jc[1][1] == 1 && jc[2][0] == 5 && jc[2][1] == 2);

// ------------------------------------------------------------------ Hessian

using Cubic = Add<Mul<Pow<X, Int<2>>, Y>, Pow<Y, Int<3>>>;  // x^2 y + y^3
constexpr auto hc = eval<Hessian<Cubic, X, Y>>(at<X>(1.0), at<Y>(2.0));
static_assert(std::is_same_v<decltype(hc), const std::array<std::array<double, 2>, 2>>);
static_assert(hc[0][0] == 4.0 && hc[0][1] == 2.0 && hc[1][0] == 2.0 && hc[1][1] == 12.0);
static_assert(detail::upper_entry(3, 0) == std::pair<std::size_t, std::size_t>{0, 0});
static_assert(detail::upper_entry(3, 2) == std::pair<std::size_t, std::size_t>{0, 2});
static_assert(detail::upper_entry(3, 3) == std::pair<std::size_t, std::size_t>{1, 1});
static_assert(detail::upper_entry(3, 5) == std::pair<std::size_t, std::size_t>{2, 2});

// The upper triangle is symbolic: its entries are the types Partial<E, Vi, Vj>.
static_assert(std::is_same_v<detail::hessian_impl<Cubic, detail::type_list<X, Y>>::entries,
                             detail::type_list<Partial<Cubic, X, X>, Partial<Cubic, X, Y>, Partial<Cubic, Y, Y>>>);

// --------------------------------------------- the tutorial's weighted chain

// L(w, b) = (sigmoid(relu(w z + b)) - 0.8)^2 at z = 2, w = 1, b = 0:
// dL/dw = 2 * 0.016966..., dL/db = 0.016966... (PyTorch prints 0.016966).
using Wt = Var<'w'>;
using Loss = Pow<Sub<Sigmoid<Relu<Add<Mul<Wt, Z>, B>>>, Rational<4, 5>>, Int<2>>;
constexpr auto gl = eval<Gradient<Loss, Wt, B>>(at<Wt>(1.0), at<B>(0.0), at<Z>(2.0));
constexpr double dl = 0.016966349814049152;  // 2 (s(2) - 0.8) s(2) (1 - s(2)), by mpmath
constexpr bool close(double a, double b, double tol) { return (a > b ? a - b : b - a) <= tol; }
static_assert(close(gl[0], 2 * dl, 1e-15) && close(gl[1], dl, 1e-15));

}  // namespace

// ------------------------------------------------------------------ run time

// Run-time values agree with constant evaluation and with the symbolic
// partials D<E, V>, over a grid, for a function using every node kind.
BOOST_AUTO_TEST_CASE(gradient_agrees_with_symbolic_partials) {
    using G = Add<Mul<Exp<Mul<X, Y>>, Tanh<Z>>, Div<Log<Add<Pow<X, Int<2>>, Int<1>>>, Add<Sqrt<Add<Y, Int<3>>>, Z>>>;
    for (double x = -1.5; x <= 1.5; x += 0.25)
        for (double y = -1.0; y <= 1.0; y += 0.5)
            for (double z = 0.25; z <= 2.0; z += 0.5) {
                auto g = eval<Gradient<G, X, Y, Z>>(at<X>(x), at<Y>(y), at<Z>(z));
                const double dx = eval<D<G, X>>(at<X>(x), at<Y>(y), at<Z>(z));
                const double dy = eval<D<G, Y>>(at<X>(x), at<Y>(y), at<Z>(z));
                const double dz = eval<D<G, Z>>(at<X>(x), at<Y>(y), at<Z>(z));
                BOOST_TEST(g[0] == dx, boost::test_tools::tolerance(1e-13));
                BOOST_TEST(g[1] == dy, boost::test_tools::tolerance(1e-13));
                BOOST_TEST(g[2] == dz, boost::test_tools::tolerance(1e-13));
            }
}

// Every node kind and their combinations, against the symbolic partials:
// coefficients (integer, fractional, negative), quotients by sums and
// powers, fractional and variable exponents, shared subexpressions, kinks.
// (A partial such as D<E, X> may lack y, which eval would reject as an extra
// binding; evaluated at a point, it takes the values it needs.)
template <class E>
void check_against_symbolic(const char* what) {
    for (double x : {-1.3, -0.4, 0.35, 0.9, 2.2})
        for (double y : {0.6, 1.5, 3.1}) {
            const auto p = point(at<X>(x), at<Y>(y));
            const auto g = eval<Gradient<E, X, Y>>(at<X>(x), at<Y>(y));
            const double dx = eval<D<E, X>>(p);
            const double dy = eval<D<E, Y>>(p);
            BOOST_TEST_INFO(what << " at (" << x << ", " << y << ")");
            BOOST_TEST(g[0] == dx, boost::test_tools::tolerance(1e-12));
            BOOST_TEST_INFO(what << " at (" << x << ", " << y << ")");
            BOOST_TEST(g[1] == dy, boost::test_tools::tolerance(1e-12));
        }
}

BOOST_AUTO_TEST_CASE(every_node_kind_against_symbolic_partials) {
    check_against_symbolic<Add<Pow<Int<2>, X>, Y>>("2^x + y");
    check_against_symbolic<Add<Pow<Y, Rational<1, 3>>, Mul<Rational<3, 7>, X>>>("y^(1/3) + 3/7 x");
    check_against_symbolic<Div<X, Add<X, Pow<Y, Int<2>>>>>("x / (x + y^2)");
    check_against_symbolic<Div<Mul<Rational<-2, 3>, Sin<X>>, Mul<Pow<Y, Int<3>>, Sqrt<Add<Pow<X, Int<2>>, Y>>>>>(
        "-2/3 sin x / (y^3 sqrt(x^2 + y))");
    check_against_symbolic<Pow<Add<Pow<X, Int<2>>, Y>, Mul<X, Y>>>("(x^2 + y)^(xy)");
    check_against_symbolic<Mul<Abs<Sub<X, Y>>, Tan<Mul<Rational<1, 4>, Mul<X, Y>>>>>("|x - y| tan(xy/4)");
    check_against_symbolic<Mul<Mul<X, Y>, Mul<Tanh<X>, Log<Y>>>>("x y tanh x log y");
    check_against_symbolic<Pow<Y, Y>>("y^y");
    check_against_symbolic<Sigmoid<Sub<Relu<X>, Mul<Int<3>, Sigmoid<Mul<X, Y>>>>>>("nested sigmoid and relu");
    check_against_symbolic<Add<Mul<Exp<Mul<X, Y>>, Exp<Mul<X, Y>>>, Pow<Exp<Mul<X, Y>>, Int<-3>>>>("shared e^(xy)");
    check_against_symbolic<Mul<Int<-1>, Mul<Cos<Add<X, Y>>, Pow<Add<X, Y>, Int<-2>>>>>("-cos(x+y) / (x+y)^2");
}

// A constant power's partial is e b^(e-1), as D's: at b = 0 they agree
// (sqrt'(0) = +inf; from b^e e / b it was 0/0 = NaN, issue 12).
static_assert(eval<Gradient<Pow<X, Rational<1, 2>>, X>>(4.0)[0] == 0.25);
static_assert(eval<Gradient<Pow<X, Rational<-1, 2>>, X>>(4.0)[0] == -1.0 / 16);
static_assert(eval<Gradient<Pow<X, Rational<3, 2>>, X>>(4.0)[0] == 3.0);

BOOST_AUTO_TEST_CASE(constant_powers_agree_with_d_at_zero) {
    const double zero = 0.0;
    using Half = Pow<X, Rational<1, 2>>;
    using ThreeHalves = Pow<X, Rational<3, 2>>;
    using MinusHalf = Pow<X, Rational<-1, 2>>;
    const double sqrt_g = eval<Gradient<Half, X>>(zero)[0], sqrt_d = eval<D<Half>>(zero);
    const double three_halves_g = eval<Gradient<ThreeHalves, X>>(zero)[0];
    const double minus_half_g = eval<Gradient<MinusHalf, X>>(zero)[0], minus_half_d = eval<D<MinusHalf>>(zero);
    BOOST_TEST(std::isinf(sqrt_g));
    BOOST_TEST(sqrt_g == sqrt_d);
    BOOST_TEST(three_halves_g == 0.0);
    BOOST_TEST(minus_half_g == minus_half_d);
}

// f(u, u): reverse mode passes the canonical sum of the two partials, as D
// writes (f_1 + f_2) u', so partials that cancel symbolically cancel in the
// gradient too: atan2(u, u)'s are each 0/0 at u = 0, their sum is 0.
static_assert(eval<Gradient<Atan2<X, X>, X>>(0.0)[0] == 0.0);
static_assert(eval<Gradient<Atan2<X, X>, X>>(1.5)[0] == 0.0);
static_assert(eval<Gradient<Mul<Int<4>, Atan2<Sin<X>, Sin<X>>, Step<X>>, X>>(0.0)[0] == 0.0);
static_assert(eval<Gradient<Hypot<Mul<X, Y>, Mul<X, Y>>, X, Y>>(at<X>(2.0), at<Y>(0.5))[1] ==
              eval<D<Hypot<Mul<X, Y>, Mul<X, Y>>, Y>>(at<X>(2.0), at<Y>(0.5)));

// The branch not taken: max(ln(xy), g) at x = 0 takes g, and its partial by
// ln(xy) is the step H(ln(xy) - g) = 0. Reverse mode passes nothing through
// that step's flat side, not 0 * (ln's partial 1/(xy) = inf) = NaN: the
// partial by y is 0, as D's is (tests/gradient_agreement_test.cpp counts the
// rest). A step that is 1 passes the adjoint as before.
using Untaken = Max<Log<Mul<X, Y>>, Mul<Acosh<Y>, Hypot<X, X>>>;
static_assert(eval<Gradient<Untaken, Y>>(at<X>(0.0), at<Y>(2.0))[0] == 0.0);
static_assert(eval<D<Untaken, Y>>(at<X>(0.0), at<Y>(2.0)) == 0.0);
static_assert(eval<Gradient<Untaken, Y>>(at<X>(1.0), at<Y>(2.0))[0] == eval<D<Untaken, Y>>(at<X>(1.0), at<Y>(2.0)));
static_assert(eval<Gradient<Relu<Log<X>>, X>>(0.5)[0] == 0.0);  // relu below 0: its step is 0

BOOST_AUTO_TEST_CASE(a_branch_not_taken_passes_nothing) {
    volatile double zero = 0.0;
    for (double y : {1.5, 2.0, 40.0}) {
        const auto g = eval<Gradient<Untaken, Y>>(at<X>(double(zero)), at<Y>(y));
        const double d = eval<D<Untaken, Y>>(at<X>(double(zero)), at<Y>(y));
        BOOST_TEST(g[0] == d);
        BOOST_TEST(g[0] == 0.0);
    }
    // relu(ln x) at 0: ln x = -inf, the step is 0, the gradient 0 (0 * inf
    // before; D multiplies it out, NaN)
    using R = Relu<Log<X>>;
    const double g0 = eval<Gradient<R, X>>(double(zero))[0], d0 = eval<D<R>>(double(zero));
    BOOST_TEST(g0 == 0.0);
    BOOST_TEST(std::isnan(d0));
    // where the step is 1 nothing changes: relu(ln x) at e is 1/e
    const double e = std::exp(1.0), ge = eval<Gradient<R, X>>(e)[0];
    BOOST_TEST(ge == 1.0 / e, boost::test_tools::tolerance(1e-15));
}

// A logarithm of a power, and a power of sigmoid: reverse mode passes the
// adjoint through the pair at once, with the partials D writes (fusion in
// detail/graph.hpp), so 0 * inf between the two is never formed.
// log2(y^x) where y^x overflows: ln's partial 1/inf = 0, the power's inf.
using LogOfPower = Log2<Pow<Y, X>>;
constexpr auto log_of_power = eval<Gradient<LogOfPower, X, Y>>(at<X>(-800.0), at<Y>(0.25));
static_assert(log_of_power[0] == -2.0);  // log2(0.25)
static_assert(log_of_power[0] == eval<D<LogOfPower, X>>(at<Y>(0.25)));
static_assert(log_of_power[1] == eval<D<LogOfPower, Y>>(at<X>(-800.0), at<Y>(0.25)));
// sigma(x)^a at x = -800, where sigma is 0: a sigma^(a-1) = inf, sigma' = 0
using PowerOfSigmoid = Asinh<Pow<Sigmoid<X>, Abs<Y>>>;
constexpr auto power_of_sigmoid = eval<Gradient<PowerOfSigmoid, X, Y>>(at<X>(-800.0), at<Y>(-0.5));
static_assert(power_of_sigmoid[0] == 0.0 && power_of_sigmoid[1] == 0.0);
static_assert(eval<D<PowerOfSigmoid, X>>(at<X>(-800.0), at<Y>(-0.5)) == 0.0);
static_assert(eval<Gradient<Pow<Sigmoid<X>, Rational<1, 2>>, X>>(-800.0)[0] == 0.0);
// log2(sigma(x)) at -800: 1/(sigma ln 2) = inf, sigma' = 0; D's (1 - sigma)/ln 2
using LogOfSigmoid = Asinh<Log2<Sigmoid<X>>>;
static_assert(eval<Gradient<LogOfSigmoid, X>>(-800.0)[0] == 0.0);
static_assert(eval<D<LogOfSigmoid>>(-800.0) == 0.0);
static_assert(eval<Gradient<Log10<Sigmoid<X>>, X>>(-800.0)[0] == eval<D<Log10<Sigmoid<X>>>>(-800.0));
// hypot(a, sqrt(tan y)) at y = 0: hypot's partial sqrt(u)/h = 0, sqrt's
// 1/(2 sqrt(u)) = inf; D's 1/(2h) sec^2 y, 1/1600 at x = -800
using InsideTwo = Hypot<X, Sqrt<Tan<Y>>>;
static_assert(eval<Gradient<InsideTwo, Y>>(at<X>(-800.0), at<Y>(0.0))[0] == 1.0 / 1600);
static_assert(eval<D<InsideTwo, Y>>(at<X>(-800.0), at<Y>(0.0)) == 1.0 / 1600);
static_assert(eval<D<Pow<Sigmoid<X>, Rational<1, 2>>>>(-800.0) == 0.0);
// an argument of two operands: hypot(acos x, hypot(x, y)) at the origin,
// where the outer partial h/H = 0 meets the inner x/h = 0/0; joined, the
// node passes its adjoint to three operands, x, x and y, with D's x/H
using InsideOfTwo = Hypot<Acos<X>, Hypot<X, Y>>;
static_assert(detail::joined_arguments<InsideOfTwo> == 2u);
constexpr auto inside_of_two = eval<Gradient<InsideOfTwo, X, Y>>(at<X>(0.0), at<Y>(0.0));
static_assert(inside_of_two[0] == -1.0 && inside_of_two[1] == 0.0);  // -1/sqrt(1 - x^2) * acos/H = -1
static_assert(inside_of_two[0] == eval<D<InsideOfTwo, X>>(at<X>(0.0), at<Y>(0.0)));
static_assert(inside_of_two[1] == eval<D<InsideOfTwo, Y>>(at<X>(0.0), at<Y>(0.0)));
// two such arguments: both joined, the node passes its adjoint to four
// operands (x, y, z, x), with D's partials
using TwoOfTwo = Hypot<Hypot<X, Y>, Hypot<Z, Mul<Int<2>, X>>>;
static_assert(detail::joined_arguments<TwoOfTwo> == 3u);
static_assert(eval<Gradient<TwoOfTwo, X, Y, Z>>(at<X>(0.0), at<Y>(0.0), at<Z>(1.0))[2] == 1.0);
// where only the second argument is 0: D's values, not 0 * (0/0)
constexpr auto second_zero = eval<Gradient<TwoOfTwo, X, Y, Z>>(at<X>(0.0), at<Y>(2.0), at<Z>(0.0));
static_assert(second_zero[0] == eval<D<TwoOfTwo, X>>(at<X>(0.0), at<Y>(2.0), at<Z>(0.0)));
static_assert(second_zero[1] == 1.0 && second_zero[2] == 0.0);
// a join goes on down while the node passes to at most four operands: the
// norm of four numbers as nested hypots passes to x, y, z and w by x/h, ...,
// so zeros three deep give D's 0, not 0 * (0/0)
using Wv = Var<"w">;
using ThreeDeep = Hypot<Hypot<Hypot<X, Y>, Z>, Wv>;
// (hypot's arguments in canonical order: w, then hypot(z, hypot(x, y)); the
// indices are the path from the node to each operand)
static_assert(std::is_same<
              detail::join_leaves_t<ThreeDeep>,
              detail::type_list<detail::join_leaf<Wv, D<ThreeDeep, Wv>, 0>, detail::join_leaf<Z, D<ThreeDeep, Z>, 1, 0>,
                                detail::join_leaf<X, D<ThreeDeep, X>, 1, 1, 0>,
                                detail::join_leaf<Y, D<ThreeDeep, Y>, 1, 1, 1>>>::value);
constexpr auto three_deep = eval<Gradient<ThreeDeep, X, Y, Z, Wv>>(at<X>(0.0), at<Y>(0.0), at<Z>(0.0), at<Wv>(1.0));
static_assert(three_deep[0] == 0.0 && three_deep[1] == 0.0 && three_deep[2] == 0.0 && three_deep[3] == 1.0);
static_assert(eval<D<ThreeDeep, X>>(at<X>(0.0), at<Y>(0.0), at<Z>(0.0), at<Wv>(1.0)) == 0.0);
// an operand reached twice is passed to once, by the sum of its partials
// (2x/h where D writes it so)
using Twice = Hypot<Hypot<Hypot<X, Y>, Hypot<X, Z>>, Wv>;
static_assert(detail::join_leaves_t<Twice>::size == 4);
constexpr auto twice = eval<Gradient<Twice, X, Y, Z, Wv>>(at<X>(0.0), at<Y>(0.0), at<Z>(0.0), at<Wv>(2.0));
static_assert(twice[0] == 0.0 && twice[1] == 0.0 && twice[2] == 0.0 && twice[3] == 1.0);
// Past four operands the join stops: the norm of five numbers, as four
// nested hypots, passes to hypot(x, y), z, w and v, and where hypot(x, y) = 0
// its partials by x and y stay 0 * (0/0) = NaN where D is 0
// (docs/gradients.md, "Where Gradient and D differ")
using Vv = Var<"v">;
using FourDeep = Hypot<Hypot<Hypot<Hypot<X, Y>, Z>, Wv>, Vv>;
static_assert(detail::join_leaves_t<FourDeep>::size == 4);
static_assert(math::isnan(eval<Gradient<FourDeep, X>>(at<X>(0.0), at<Y>(0.0), at<Z>(0.0), at<Wv>(1.0),
                                                      at<Vv>(1.0))[0]));
static_assert(eval<D<FourDeep, X>>(at<X>(0.0), at<Y>(0.0), at<Z>(0.0), at<Wv>(1.0), at<Vv>(1.0)) == 0.0);
// a function of the inner node whose product with its partials still
// divides by it is not joined: ln hypot(x, y), 1/h times x/h
static_assert(detail::joined_arguments<Log<Hypot<X, Y>>> == 0u);

BOOST_AUTO_TEST_CASE(fused_pairs_agree_with_d) {
    // the same at run time, and at ordinary points; the power also used
    // elsewhere (its own adjoint then flows as before, beside the pair's);
    // sigma(x)^x, whose two partials reach one operand
    using Shared = Add<Log<Pow<Y, X>>, Mul<X, Pow<Y, X>>>;
    using Own = Mul<Y, Pow<Sigmoid<X>, X>>;
    using Integer = Pow<Sigmoid<X>, Int<3>>;  // not joined: 3 sigma^2 is finite
    for (double x : {-800.0, -3.0, -0.5, 0.0, 0.75, 2.0})
        for (double y : {0.25, 0.5, 2.0, 3.5}) {
            const auto g = eval<Gradient<Shared, X, Y>>(at<X>(x), at<Y>(y));
            const auto o = eval<Gradient<Own, X, Y>>(at<X>(x), at<Y>(y));
            const auto l = eval<Gradient<LogOfPower, X, Y>>(at<X>(x), at<Y>(y));
            const double d[] = {eval<D<Shared, X>>(at<X>(x), at<Y>(y)), eval<D<Shared, Y>>(at<X>(x), at<Y>(y)),
                                eval<D<Own, X>>(at<X>(x), at<Y>(y)),    eval<D<Own, Y>>(at<X>(x)),
                                eval<D<LogOfPower, X>>(at<Y>(y)),       eval<D<LogOfPower, Y>>(at<X>(x), at<Y>(y))};
            const double r[] = {g[0], g[1], o[0], o[1], l[0], l[1]};
            for (int k = 0; k < 6; ++k) BOOST_TEST_CONTEXT("x = " << x << ", y = " << y << ", partial " << k) {
                    // where D is finite, so is the gradient, and equal
                    if (std::isfinite(d[k])) BOOST_TEST(r[k] == d[k], boost::test_tools::tolerance(1e-14));
                }
        }
    for (double x : {-800.0, -30.0, -1.0, 0.0, 0.3, 2.0, 40.0}) {
        const double g = eval<Gradient<LogOfSigmoid, X>>(x)[0], d = eval<D<LogOfSigmoid>>(x);
        BOOST_TEST(g == d, boost::test_tools::tolerance(1e-14));
        for (double y : {0.0, 0.25, 1.0}) {
            const auto h = eval<Gradient<InsideTwo, X, Y>>(at<X>(x), at<Y>(y));
            const double hx = eval<D<InsideTwo, X>>(at<X>(x), at<Y>(y)), hy = eval<D<InsideTwo, Y>>(at<X>(x), at<Y>(y));
            BOOST_TEST_CONTEXT("x = " << x << ", y = " << y) {
                // (at the origin: by x 0/0, by y 1/(2 * 0) = inf, in D too)
                BOOST_TEST((std::isfinite(hx) ? h[0] == hx || std::abs(h[0] - hx) <= 1e-14 * std::abs(hx)
                                              : (std::isnan(h[0]) && std::isnan(hx)) || h[0] == hx));
                BOOST_TEST((std::isfinite(hy) ? h[1] == hy || std::abs(h[1] - hy) <= 1e-14 * std::abs(hy)
                                              : (std::isnan(h[1]) && std::isnan(hy)) || h[1] == hy));
            }
        }
    }
    volatile double far = -800.0;
    const auto p = eval<Gradient<PowerOfSigmoid, X, Y>>(at<X>(double(far)), at<Y>(-0.5));
    BOOST_TEST(p[0] == 0.0);
    BOOST_TEST(p[1] == 0.0);
    const auto l = eval<Gradient<LogOfPower, X, Y>>(at<X>(double(far)), at<Y>(0.25));
    BOOST_TEST(l[0] == log_of_power[0]);
    BOOST_TEST(l[1] == log_of_power[1]);
    for (double x : {-1.0, -0.25, 0.0, 0.5})
        for (double y : {-2.0, 0.0, 0.75}) {
            const auto h = eval<Gradient<InsideOfTwo, X, Y>>(at<X>(x), at<Y>(y));
            const double hx = eval<D<InsideOfTwo, X>>(at<X>(x), at<Y>(y)),
                         hy = eval<D<InsideOfTwo, Y>>(at<X>(x), at<Y>(y));
            BOOST_TEST_CONTEXT("x = " << x << ", y = " << y) {
                // (at x = -1: acos' = -1/0 = -inf, in D too)
                if (std::isfinite(hx)) BOOST_TEST(h[0] == hx, boost::test_tools::tolerance(1e-14));
                else BOOST_TEST((std::isnan(h[0]) ? std::isnan(hx) : h[0] == hx));
                if (std::isfinite(hy)) BOOST_TEST(h[1] == hy, boost::test_tools::tolerance(1e-14));
                else BOOST_TEST((std::isnan(h[1]) ? std::isnan(hy) : h[1] == hy));
            }
            for (double z : {0.0, 1.5}) {
                for (double w : {0.0, -0.5}) {
                    const auto at_ = point(at<X>(x), at<Y>(y), at<Z>(z), at<Wv>(w));
                    const auto deep = eval<Gradient<ThreeDeep, X, Y, Z, Wv>>(at_);
                    const auto two = eval<Gradient<Twice, X, Y, Z, Wv>>(at_);
                    const double dd[] = {eval<D<ThreeDeep, X>>(at_), eval<D<ThreeDeep, Y>>(at_),
                                         eval<D<ThreeDeep, Z>>(at_), eval<D<ThreeDeep, Wv>>(at_)};
                    const double dt[] = {eval<D<Twice, X>>(at_), eval<D<Twice, Y>>(at_), eval<D<Twice, Z>>(at_),
                                         eval<D<Twice, Wv>>(at_)};
                    for (int k = 0; k < 4; ++k)
                        BOOST_TEST_CONTEXT("x = " << x << ", y = " << y << ", z = " << z << ", w = " << w << ", "
                                                  << k) {
                            // (all four zero: 0/0 in D too)
                            if (std::isfinite(dd[k])) BOOST_TEST(deep[k] == dd[k], boost::test_tools::tolerance(1e-14));
                            else BOOST_TEST((std::isnan(deep[k]) ? std::isnan(dd[k]) : deep[k] == dd[k]));
                            if (std::isfinite(dt[k])) BOOST_TEST(two[k] == dt[k], boost::test_tools::tolerance(1e-14));
                            else BOOST_TEST((std::isnan(two[k]) ? std::isnan(dt[k]) : two[k] == dt[k]));
                        }
                }
                const auto t = eval<Gradient<TwoOfTwo, X, Y, Z>>(at<X>(x), at<Y>(y), at<Z>(z));
                const double d[] = {eval<D<TwoOfTwo, X>>(at<X>(x), at<Y>(y), at<Z>(z)),
                                    eval<D<TwoOfTwo, Y>>(at<X>(x), at<Y>(y), at<Z>(z)),
                                    eval<D<TwoOfTwo, Z>>(at<X>(x), at<Y>(y), at<Z>(z))};
                for (int k = 0; k < 3; ++k)
                    BOOST_TEST_CONTEXT("x = " << x << ", y = " << y << ", z = " << z << ", " << k) {
                        // (both arguments joined: where either is 0, D's value)
                        if (std::isfinite(d[k])) BOOST_TEST(t[k] == d[k], boost::test_tools::tolerance(1e-14));
                        else BOOST_TEST((std::isnan(t[k]) ? std::isnan(d[k]) : t[k] == d[k]));
                    }
            }
        }
    const double integer = eval<Gradient<Integer, X>>(0.5)[0];
    BOOST_TEST(integer == eval<D<Integer>>(0.5), boost::test_tools::tolerance(1e-15));
}

BOOST_AUTO_TEST_CASE(repeated_arguments_agree_with_d) {
    using Twice = Add<Atan2<X, X>, Mul<Y, Atan2<Sin<X>, Sin<X>>>, Hypot<Mul<X, Y>, Mul<X, Y>>>;
    for (double x : {-2.0, -0.0, 0.0, 0.5, 3.0})
        for (double y : {-1.5, 0.25, 2.0}) {
            const auto g = eval<Gradient<Twice, X, Y>>(at<X>(x), at<Y>(y));
            const double dx = eval<D<Twice, X>>(at<X>(x), at<Y>(y)), dy = eval<D<Twice, Y>>(at<X>(x), at<Y>(y));
            if (x == 0) {  // hypot(u, u)' = 2u/hypot(u, u) is 0/0 at u = 0, in D too
                BOOST_TEST(std::isnan(dx));
                BOOST_TEST(std::isnan(g[0]));
                continue;
            }
            BOOST_TEST(g[0] == dx, boost::test_tools::tolerance(1e-14));
            BOOST_TEST(g[1] == dy, boost::test_tools::tolerance(1e-14));
        }
    // at u = 0 each partial of atan2(u, u) is 0/0; D and the gradient give 0
    volatile double zero = 0.0;
    const double g0 = eval<Gradient<Atan2<X, X>, X>>(double(zero))[0], d0 = eval<D<Atan2<X, X>>>(double(zero));
    BOOST_TEST(g0 == 0.0);
    BOOST_TEST(d0 == 0.0);
}

BOOST_AUTO_TEST_CASE(run_time_matches_compile_time) {
    volatile double x = 1.0, w = 1.0, b = 0.0;  // keep the run-time call a run-time call
    auto g = eval<Gradient<Loss, Wt, B>>(at<Wt>(double(w)), at<B>(double(b)), at<Z>(2.0 * x));
    BOOST_TEST(g[0] == gl[0], boost::test_tools::tolerance(1e-15));
    BOOST_TEST(g[1] == gl[1], boost::test_tools::tolerance(1e-15));
    auto h = eval<Hessian<Cubic, X, Y>>(at<X>(double(x)), at<Y>(2.0 * x));
    BOOST_TEST((h == hc));
    auto j = eval<Jacobian<Polar, X, Y>>(at<X>(2.0 * x), at<Y>(0.0 * x));
    BOOST_TEST((j == jp));
}

// A Hessian agrees with its symbolic entries, and is symmetric.
BOOST_AUTO_TEST_CASE(hessian_agrees_with_mixed_partials) {
    using G = Mul<Sin<Mul<X, Y>>, Exp<Z>>;
    auto h = eval<Hessian<G, X, Y, Z>>(at<X>(0.3), at<Y>(-0.7), at<Z>(0.2));
    auto p = [](auto e) { return eval<decltype(e)>(at<X>(0.3), at<Y>(-0.7), at<Z>(0.2)); };
    BOOST_TEST(h[0][0] == p(Partial<G, X, X>{}), boost::test_tools::tolerance(1e-15));
    BOOST_TEST(h[0][1] == p(Partial<G, X, Y>{}), boost::test_tools::tolerance(1e-15));
    BOOST_TEST(h[0][2] == p(Partial<G, X, Z>{}), boost::test_tools::tolerance(1e-15));
    BOOST_TEST(h[1][2] == p(Partial<G, Y, Z>{}), boost::test_tools::tolerance(1e-15));
    BOOST_TEST(h[2][2] == p(Partial<G, Z, Z>{}), boost::test_tools::tolerance(1e-15));
    for (int i = 0; i < 3; ++i)
        for (int k = 0; k < 3; ++k) BOOST_TEST(h[i][k] == h[k][i]);
}
