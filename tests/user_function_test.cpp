// User-defined functions (issue 11, item 1): a tag applied with Apply works
// everywhere a built-in does, and functions are told apart by their tag, never
// by their name.
#include <boost/test/unit_test.hpp>

#include <chainrule.hpp>

#include <array>
#include <cmath>
#include <type_traits>

using namespace chainrule;

namespace {

// ------------------------------------------------------------ two tags, one name

// Two different functions that a user, copying one tag to write the other,
// left with the same name: f1(u) = u and f2(u) = 2u. Their keys tell them
// apart in the canonical order; without keys, the order is a compile error
// (compile_fail/function_tags_share_a_name.cpp), never a silent merge.
struct f1_fn {
    static constexpr const char* name = "f";
    static constexpr const char* key = "f1";
    template <class U>
    using derivative = Int<1>;
    template <class T>
    static constexpr T eval(T u) {
        return u;
    }
};
struct f2_fn {
    static constexpr const char* name = "f";
    static constexpr const char* key = "f2";
    template <class U>
    using derivative = Int<2>;
    template <class T>
    static constexpr T eval(T u) {
        return 2 * u;
    }
};
template <Expression A>
using F1 = Apply<f1_fn, A>;
template <Expression A>
using F2 = Apply<f2_fn, A>;

static_assert(Function<f1_fn> && Function<f2_fn>);
static_assert(!std::is_same_v<F1<X>, F2<X>>);
// f1(x) + f2(x) is a sum of two terms, not 2 f1(x) ...
static_assert(std::is_same_v<Add<F1<X>, F2<X>>, Sum<F1<X>, F2<X>>>);
static_assert(std::is_same_v<Add<F2<X>, F1<X>>, Sum<F1<X>, F2<X>>>);  // ... sorted by key
static_assert(eval<Add<F1<X>, F2<X>>>(1.0) == 3.0);
static_assert(eval<D<Add<F1<X>, F2<X>>>>(1.0) == 3.0);
static_assert(eval<Gradient<Add<F1<X>, F2<X>>, X>>(1.0)[0] == 3.0);
// ... while the same tag twice is one function, and like terms collect.
static_assert(std::is_same_v<Add<F1<X>, F1<X>>, Mul<Int<2>, F1<X>>>);

// ---------------------------------------------------------- a user's softsign

// softsign(u) = u / (1 + |u|), with derivative 1 / (1 + |u|)^2.
struct my_softsign_fn {
    static constexpr const char* name = "my_softsign";
    template <class U>
    using derivative = Pow<Add<Int<1>, Abs<U>>, Int<-2>>;
    template <class T>
    static constexpr T eval(T u) {
        return u / (T(1) + (u < T(0) ? -u : u));
    }
};
template <Expression A>
using MySoftsign = Apply<my_softsign_fn, A>;

static_assert(Function<my_softsign_fn>);

// to_cpp names a user's function by the tag's cpp member; a tag without one
// is refused there (compile_fail/to_cpp_user_function_without_cpp.cpp).
struct printed_softsign_fn : my_softsign_fn {
    static constexpr const char* cpp = "mine::softsign";
};
static_assert(to_cpp<Apply<printed_softsign_fn, X>>() == "mine::softsign(x)");
static_assert(to_cpp<Sigmoid<X>>() == "chainrule::sigmoid_fn::eval(x)");
static_assert(std::is_same_v<MySoftsign<X>, Call<my_softsign_fn, X>>);
static_assert(std::is_same_v<D<MySoftsign<X>>, Pow<Add<Int<1>, Abs<X>>, Int<-2>>>);
// The chain rule through it, and through built-ins around it.
static_assert(
    std::is_same_v<D<MySoftsign<Mul<Int<3>, X>>>, Mul<Int<3>, Pow<Add<Int<1>, Abs<Mul<Int<3>, X>>>, Int<-2>>>>);
static_assert(eval<MySoftsign<X>>(1.0) == 0.5 && eval<D<MySoftsign<X>>>(1.0) == 0.25);
static_assert(eval<D<Sin<MySoftsign<X>>>>(0.0) == 1.0);
// Canonical forms and Expand treat it as an atom, and expand its argument.
static_assert(std::is_same_v<Add<MySoftsign<X>, MySoftsign<X>>, Mul<Int<2>, MySoftsign<X>>>);
static_assert(std::is_same_v<Expand<MySoftsign<Mul<X, Add<X, Int<1>>>>>, MySoftsign<Add<X, Pow<X, Int<2>>>>>);
// Ordered among built-ins by name: "my_softsign" < "sin".
static_assert(std::is_same_v<Add<Sin<X>, MySoftsign<X>>, Sum<MySoftsign<X>, Sin<X>>>);
// Printing: its name, as a built-in's.
static_assert(to_text<MySoftsign<X>>() == "my_softsign(x)" &&
              to_text<Mul<Int<2>, MySoftsign<Sin<X>>>>() == "2*my_softsign(sin(x))");
static_assert(to_latex<MySoftsign<X>>() == "\\operatorname{my\\_softsign}\\left(x\\right)");
// Gradients, in constant evaluation.
constexpr auto g = eval<Gradient<Mul<MySoftsign<X>, Y>, X, Y>>(at<X>(1.0), at<Y>(4.0));
static_assert(g[0] == 1.0 && g[1] == 0.5);

// ---------------------------------------------------------- a function of two

// f(u, w) = u w^2 as a function of two arguments, its partials w^2 and 2uw.
struct uw2_fn {
    static constexpr const char* name = "uw2";
    template <class U, class W>
    using derivative = Partials<Pow<W, Int<2>>, Mul<Int<2>, U, W>>;
    template <class T>
    static constexpr T eval(T u, T w) {
        return u * w * w;
    }
};
template <Expression A, Expression B>
using UW2 = Apply<uw2_fn, A, B>;

static_assert(Function<uw2_fn>);
static_assert(std::is_same_v<UW2<X, Y>, Call<uw2_fn, X, Y>>);
static_assert(std::is_same_v<D<UW2<X, Y>, X>, Pow<Y, Int<2>>>);
static_assert(std::is_same_v<D<UW2<X, Y>, Y>, Mul<Int<2>, X, Y>>);
// Both arguments the same variable: d/dx x x^2 = x^2 + 2x^2 = 3x^2.
static_assert(std::is_same_v<D<UW2<X, X>>, Mul<Int<3>, Pow<X, Int<2>>>>);
static_assert(eval<UW2<X, Y>>(at<X>(3.0), at<Y>(2.0)) == 12.0);
constexpr auto g2 = eval<Gradient<UW2<Sin<X>, Y>, X, Y>>(at<X>(0.0), at<Y>(2.0));
static_assert(g2[0] == 4.0 && g2[1] == 0.0);
// The same operand twice: each partial adds to its adjoint.
static_assert(eval<Gradient<UW2<X, X>, X>>(2.0)[0] == 12.0);
static_assert(std::is_same_v<Add<UW2<X, Y>, UW2<Y, X>>, Sum<UW2<X, Y>, UW2<Y, X>>>);
static_assert(std::is_same_v<Add<UW2<X, Y>, UW2<X, Y>>, Mul<Int<2>, UW2<X, Y>>>);
static_assert(to_text<UW2<X, Sin<Y>>>() == "uw2(x, sin(y))" &&
              to_latex<UW2<X, Y>>() == "\\operatorname{uw2}\\left(x, y\\right)");

// What is not a function tag.
struct no_rule_fn {
    static constexpr const char* name = "no_rule";
    template <class T>
    static constexpr T eval(T u) {
        return u;
    }
};
static_assert(!Function<no_rule_fn>);
static_assert(!Function<int>);

}  // namespace

BOOST_AUTO_TEST_CASE(two_functions_with_one_name_at_run_time) {
    volatile double x = 1.0;
    using Both = Add<F1<X>, F2<X>>;
    BOOST_TEST(eval<Both>(double(x)) == 3.0);
    using Grad = Gradient<Both, X>;
    BOOST_TEST(eval<Grad>(double(x))[0] == 3.0);
}

BOOST_AUTO_TEST_CASE(softsign_and_two_arguments_at_run_time) {
    volatile double x = -3.0, y = 0.5;
    BOOST_TEST(eval<MySoftsign<X>>(double(x)) == -0.75);
    BOOST_TEST(eval<D<MySoftsign<X>>>(double(x)) == 1.0 / 16);
    const auto gr = eval<Gradient<UW2<Sin<X>, Y>, X, Y>>(at<X>(double(x)), at<Y>(double(y)));
    BOOST_TEST(gr[0] == std::cos(-3.0) * 0.25, boost::test_tools::tolerance(1e-15));
    BOOST_TEST(gr[1] == 2 * std::sin(-3.0) * 0.5, boost::test_tools::tolerance(1e-15));
}
