// Mirrors chainrule/derivative.hpp: the derivative rules, as types. The
// derivative of every built-in function in textbook form, higher orders,
// partials, and the bounded growth of derivatives of high order.

#include <chainrule.hpp>

#include <cstddef>
#include <type_traits>
#include <utility>

using namespace chainrule;

namespace {

template <class A, class B>
inline constexpr bool same = std::is_same_v<A, B>;

// The rule of each function, at the variable...
static_assert(same<D<Exp<X>>, Exp<X>>);
static_assert(same<D<Log<X>>, Div<Int<1>, X>>);
static_assert(same<D<Sqrt<X>>, Div<Int<1>, Mul<Int<2>, Sqrt<X>>>>);
static_assert(same<D<Sin<X>>, Cos<X>>);
static_assert(same<D<Cos<X>>, Neg<Sin<X>>>);
static_assert(same<D<Tan<X>>, Add<Int<1>, Pow<Tan<X>, Int<2>>>>);
static_assert(same<D<Tanh<X>>, Sub<Int<1>, Pow<Tanh<X>, Int<2>>>>);
static_assert(same<D<Sigmoid<X>>, Mul<Sigmoid<X>, Sub<Int<1>, Sigmoid<X>>>>);
static_assert(same<D<Relu<X>>, Step<X>>);
static_assert(same<D<Abs<X>>, Sign<X>>);

// ...and under the chain rule, with u = 3x.
using U = Mul<Int<3>, X>;
static_assert(same<D<Exp<U>>, Mul<Int<3>, Exp<U>>>);
static_assert(same<D<Tanh<U>>, Mul<Int<3>, Sub<Int<1>, Pow<Tanh<U>, Int<2>>>>>);
static_assert(same<D<Relu<U>>, Mul<Int<3>, Step<U>>>);

// Arithmetic rules.
static_assert(same<D<Add<Sin<X>, Pow<X, Int<2>>>>, Add<Cos<X>, Mul<Int<2>, X>>>);
static_assert(same<D<Mul<X, Exp<X>>>, Add<Exp<X>, Mul<X, Exp<X>>>>);
static_assert(same<D<Div<Int<1>, X>>, Neg<Pow<X, Int<-2>>>>);
static_assert(same<D<Pow<X, Rational<1, 2>>>, Mul<Rational<1, 2>, Pow<X, Rational<-1, 2>>>>);
// a general exponent: d(x^x) = x^x (ln x + 1)
static_assert(same<D<Pow<X, X>>, Mul<Pow<X, X>, Add<Int<1>, Log<X>>>>);
// a constant base: d(2^x) = 2^x ln 2
static_assert(same<D<Pow<Int<2>, X>>, Mul<Pow<Int<2>, X>, Log<Int<2>>>>);

// Constants and other variables.
static_assert(same<D<Int<5>>, Int<0>>);
static_assert(same<D<Rational<1, 3>>, Int<0>>);
static_assert(same<D<Sin<Int<2>>>, Int<0>>);
static_assert(same<D<Y, X>, Int<0>>);
static_assert(same<D<Mul<X, Y>, Y>, X>);
static_assert(same<D<D<Mul<Sin<X>, Y>, X>, Y>, Cos<X>>);

// Higher orders.
static_assert(same<D<Sin<X>, X, 0>, Sin<X>>);
static_assert(same<D<Sin<X>, X, 2>, Neg<Sin<X>>>);
static_assert(same<D<Sin<X>, X, 4>, Sin<X>>);
static_assert(same<D<Exp<X>, X, 10>, Exp<X>>);
static_assert(same<D<Pow<X, Int<5>>, X, 5>, Int<120>>);
static_assert(same<D<Pow<X, Int<5>>, X, 6>, Int<0>>);
static_assert(same<D<Relu<X>, X, 2>, Int<0>>);

// Named variables.
using W = Var<'w'>;
using W1 = Var<"w1">;
static_assert(same<D<Mul<W, W1>, W1>, W>);
static_assert(same<D<Sigmoid<Mul<W, X>>, W>, Mul<X, Mul<Sigmoid<Mul<W, X>>, Sub<Int<1>, Sigmoid<Mul<W, X>>>>>>);

}  // namespace

// Orders far past where the answer is known: a constant's derivatives stop,
// a periodic sequence repeats (issue 8).
namespace high_orders {
using namespace chainrule;
static_assert(std::is_same_v<D<Pow<X, Int<5>>, X, 1000>, Int<0>>);
static_assert(std::is_same_v<D<Add<Pow<X, Int<3>>, Mul<Int<2>, X>>, X, 3>, Int<6>>);
static_assert(std::is_same_v<D<Sin<X>, X, 1001>, Cos<X>>);
static_assert(std::is_same_v<D<Sin<X>, X, 1002>, Neg<Sin<X>>>);
static_assert(std::is_same_v<D<Exp<Mul<Int<2>, X>>, X, 3>, Mul<Int<8>, Exp<Mul<Int<2>, X>>>>);
static_assert(std::is_same_v<D<Exp<X>, X, 100000>, Exp<X>>);
}  // namespace high_orders

// Add and Mul of many operands are the pairwise ones, in any grouping.
namespace many_operands {
using namespace chainrule;
static_assert(std::is_same_v<Add<X, Y, Z>, Add<Add<X, Y>, Z>>);
static_assert(std::is_same_v<Add<X, Y, Z>, Add<X, Add<Z, Y>>>);
static_assert(std::is_same_v<Add<X, Int<1>, X, Int<-1>>, Mul<Int<2>, X>>);
static_assert(std::is_same_v<Mul<X, Y, Z>, Mul<Mul<X, Y>, Z>>);
static_assert(std::is_same_v<Mul<X, Int<3>, X, Rational<1, 3>>, Pow<X, Int<2>>>);
}  // namespace many_operands

// decltype of a constexpr auto expression is const E: D takes it as E.
namespace const_expressions {
constexpr auto f = Sin<X>{} * X{};
static_assert(std::is_same_v<decltype(f), const Mul<Sin<X>, X>>);
static_assert(std::is_same_v<D<decltype(f)>, D<Mul<Sin<X>, X>>>);
static_assert(std::is_same_v<D<decltype(f), X, 2>, D<Mul<Sin<X>, X>, X, 2>>);
static_assert(std::is_same_v<D<const volatile X>, Int<1>>);
}  // namespace const_expressions

// A negative constant base: ln b stays a node in the derivative (NaN at run
// time), and a power whose exponent does not depend on v has derivative 0 by v.
namespace negative_base {
static_assert(std::is_same_v<D<Pow<Int<-2>, Y>, X>, Int<0>>);
static_assert(std::is_same_v<D<Pow<Rational<-1, 3>, X>>, Mul<Pow<Rational<-1, 3>, X>, Call<log_fn, Ratio<-1, 3>>>>);
}  // namespace negative_base

// Bounded growth: derivatives of high order stay small types.
namespace bounded_growth {
using namespace chainrule;
// The first derivative keeps the textbook form...
static_assert(std::is_same_v<D<Sigmoid<X>>, Mul<Sigmoid<X>, Sub<Int<1>, Sigmoid<X>>>>);
// ...and the tenth stays a polynomial in s of 63 nodes (SymPy: 141, or 79
// after simplify()).
static_assert(node_count_v<D<Sigmoid<X>, X, 10>> <= 70);
static_assert(node_count_v<D<Sigmoid<X>, X, 10>> == 63);

template <std::size_t... N>
constexpr bool sigmoid_derivatives_compile(std::index_sequence<N...>) {
    // every order up to 12 is a type, of size linear in the order
    return ((node_count_v<D<Sigmoid<X>, X, int(N)>> <= 6 * N + 9) && ...);
}
static_assert(sigmoid_derivatives_compile(std::make_index_sequence<13>{}));

// The logistic map l_{k+1} = 4 l_k (1 - l_k), l_0 = x: l_8 is a polynomial
// of degree 256 that is never multiplied out, and its derivative shares its
// subexpressions.
template <int K>
struct logistic {
    using type = Mul<Int<4>, Mul<typename logistic<K - 1>::type, Sub<Int<1>, typename logistic<K - 1>::type>>>;
};
template <>
struct logistic<0> {
    using type = X;
};
using L8 = logistic<8>::type;
static_assert(dag_size_v<D<L8>> <= 100);
static_assert(dag_size_v<L8> == 28);
static_assert(node_count_v<L8> < 2000);  // the degree-256 expansion would have hundreds of terms
}  // namespace bounded_growth

// A constant that could not be formed (an exact coefficient past long long)
// is a stand-in whose derivative is itself, so its error reaches the user at
// any order (compile_fail.high_order_derivative_overflows): it never becomes
// the silent Int<0> of a constant's derivative.
namespace invalid_constant {
using overflow = detail::invalid_constant<detail::constant_overflow>;
static_assert(std::is_same_v<detail::derivative_t<overflow, X>, overflow>);
static_assert(std::is_same_v<detail::derivatives_from<overflow, overflow, X, 0, 5>::type, overflow>);
static_assert(!std::is_same_v<D<Sqrt<X>, X, 20>, Int<0>>);
static_assert(std::is_same_v<D<Sqrt<X>, X, 20>, D<Sqrt<X>, X, 19>>);
static_assert(std::is_same_v<D<Sqrt<X>, X, 1000>, D<Sqrt<X>, X, 19>>);  // stops there, within the depth
}  // namespace invalid_constant
