// The text form parses back to the same mathematics: each made-up
// expression and its derivatives by x and y are printed by to_text, read by
// GiNaC's parser, and compared with the expression built in GiNaC directly
// from the type, node by node. A wrong parenthesis, a lost sign or a
// misplaced denominator makes the difference non-zero.
#include "random_expressions.hpp"

#include <ginac/ginac.h>
#include <boost/test/unit_test.hpp>

#include <chainrule.hpp>
#include <sstream>
#include <string>
#include <utility>

// chainrule's functions that GiNaC does not have, declared as opaque GiNaC
// functions so that both sides spell them the same way.
namespace GiNaC {
DECLARE_FUNCTION_1P(sigma)
REGISTER_FUNCTION(sigma, dummy())
DECLARE_FUNCTION_1P(relu)
REGISTER_FUNCTION(relu, dummy())
DECLARE_FUNCTION_1P(sign)
REGISTER_FUNCTION(sign, dummy())
}  // namespace GiNaC

namespace {

using namespace chainrule;

const GiNaC::symbol x("x"), y("y");

template <class E>
struct build;

GiNaC::ex rational_ex(long long p, long long q) { return GiNaC::numeric(p) / GiNaC::numeric(q); }

template <long long N>
struct build<Int<N>> {
    static GiNaC::ex get() { return GiNaC::numeric(N); }
};
template <long long P, long long Q>
struct build<Ratio<P, Q>> {
    static GiNaC::ex get() { return rational_ex(P, Q); }
};
template <>
struct build<X> {
    static GiNaC::ex get() { return x; }
};
template <>
struct build<Y> {
    static GiNaC::ex get() { return y; }
};
template <class... Ts>
struct build<Sum<Ts...>> {
    static GiNaC::ex get() { return (GiNaC::ex(0) + ... + build<Ts>::get()); }
};
template <class... Fs>
struct build<Product<Fs...>> {
    static GiNaC::ex get() { return (GiNaC::ex(1) * ... * build<Fs>::get()); }
};
template <class B, class E>
struct build<Power<B, E>> {
    static GiNaC::ex get() { return GiNaC::pow(build<B>::get(), build<E>::get()); }
};
template <class Fn, class A>
struct build<Call<Fn, A>> {
    static GiNaC::ex get() {
        GiNaC::ex a = build<A>::get();
        if constexpr (std::is_same_v<Fn, exp_fn>) return GiNaC::exp(a);
        else if constexpr (std::is_same_v<Fn, log_fn>) return GiNaC::log(a);
        else if constexpr (std::is_same_v<Fn, sqrt_fn>) return GiNaC::sqrt(a);
        else if constexpr (std::is_same_v<Fn, sin_fn>) return GiNaC::sin(a);
        else if constexpr (std::is_same_v<Fn, cos_fn>) return GiNaC::cos(a);
        else if constexpr (std::is_same_v<Fn, tan_fn>) return GiNaC::tan(a);
        else if constexpr (std::is_same_v<Fn, tanh_fn>) return GiNaC::tanh(a);
        else if constexpr (std::is_same_v<Fn, abs_fn>) return GiNaC::abs(a);
        else if constexpr (std::is_same_v<Fn, step_fn>) return GiNaC::step(a);
        else if constexpr (std::is_same_v<Fn, sigmoid_fn>) return GiNaC::sigma(a);
        else if constexpr (std::is_same_v<Fn, relu_fn>) return GiNaC::relu(a);
        else if constexpr (std::is_same_v<Fn, sign_fn>) return GiNaC::sign(a);
        else static_assert(sizeof(Fn) == 0, "print_ginac: a function this test does not know");
    }
};

GiNaC::ex parse(const std::string& text) {
    GiNaC::symtab table;
    table["x"] = x;
    table["y"] = y;
    GiNaC::parser reader(table, true);  // strict: an unknown name is an error
    return reader(text);
}

int checked = 0;

template <class E>
void check() {
    const std::string text = to_text<E>();
    GiNaC::ex parsed;
    try {
        parsed = parse(text);
    } catch (const std::exception& e) {
        BOOST_ERROR("GiNaC cannot parse " << text << ": " << e.what());
        return;
    }
    const GiNaC::ex built = build<E>::get();
    const GiNaC::ex difference = (parsed - built).expand();
    BOOST_CHECK_MESSAGE(difference.is_zero(), "printed " << text << "\n  parsed as " << parsed << "\n  but is " << built
                                                         << "\n  difference " << difference);
    ++checked;
}

template <class E>
void check_with_derivatives() {
    check<E>();
    check<D<E, X>>();
    check<D<E, Y>>();
}

template <std::size_t... I>
void check_all(std::index_sequence<I...>) {
    (check_with_derivatives<random_expressions::expression<I>>(), ...);
}

}  // namespace

BOOST_AUTO_TEST_CASE(hand_picked) {
    check<D<Pow<Add<Mul<Int<2>, X>, Int<1>>, Int<3>>>>();
    check<D<Sigmoid<X>>>();
    check<D<Pow<Sub<Sigmoid<Relu<X>>, Rational<4, 5>>, Int<2>>>>();
    check<Sub<X, Y>>();
    check<Sub<Y, X>>();
    check<Pow<X, Int<-2>>>();
    check<Div<Int<1>, Mul<Int<2>, X, Y>>>();
    check<Pow<Int<-2>, X>>();
    check<Pow<Rational<1, 2>, Neg<X>>>();
    check<Pow<Mul<Int<2>, X>, Rational<3, 2>>>();
    check<Pow<Pow<X, Int<2>>, Y>>();
    check<Mul<Rational<-3, 4>, X, Pow<Y, Int<-3>>>>();
    check<D<Sigmoid<X>, X, 4>>();
    check<Sign<X>>();
    check<Step<X>>();
}

BOOST_AUTO_TEST_CASE(made_up_expressions_and_their_derivatives) {
    checked = 0;
    check_all(std::make_index_sequence<random_expressions::count>{});
    BOOST_TEST(checked == 3 * static_cast<int>(random_expressions::count));
}
