#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/detail/order.hpp"
#include "chainrule/detail/type_list.hpp"
#include "chainrule/expand.hpp"
#include "chainrule/expression.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/log.hpp"
#include "chainrule/variables.hpp"

#include <cstddef>
#include <type_traits>
#include <utility>

// D<E, V, N>: the derivative of E, computed by the compiler.
//
// The rules of arithmetic live here; the rule of each function lives in its
// own header (functions/tanh.hpp holds tanh's), written as the derivative of
// the outer function at its argument. The chain rule joins them, once:
//
//   d/dv f(u) = f'(u) * du/dv
//
// Every rule builds its result with the canonical constructors (Add, Mul,
// Pow), so a derivative is simplified as it is made: no zero terms, no
// factors of one, like terms and powers collected.
namespace chainrule {

namespace detail {

template <class E, class V>
struct derivative;
template <class E, class V>
using derivative_t = typename derivative<E, V>::type;

// d/dv c = 0
template <Constant C, class V>
struct derivative<C, V> {
    using type = Int<0>;
};

// d/dv v = 1, d/dv w = 0
template <var_name N, std::size_t... I, class V>
struct derivative<Var<N, I...>, V> {
    using type = Int<std::is_same<Var<N, I...>, V>::value ? 1 : 0>;
};

// d/dv (a + b + ...) = a' + b' + ...
template <class... Ts, class V>
struct derivative<Sum<Ts...>, V> {
    using type = compact_t<typename sum_all<Int<0>, derivative_t<Ts, V>...>::type>;
};

// d/dv (f g h) = f' g h + f g' h + f g h'
template <class... Fs, class V>
struct derivative<Product<Fs...>, V> {
    using factors = type_list<Fs...>;

    // f1 ... f(i-1) f(i)' f(i+1) ... fn: the other factors, in order, are
    // already a canonical product (sorted, no two with one base, no
    // coefficient), which is formed as it stands; only f(i)' is merged in.
    template <std::size_t I, std::size_t... J>
    static auto others(std::index_sequence<J...>) ->
        typename make_product<Int<1>, type_list<at_t<(J < I ? J : J + 1), factors>...>>::type;
    template <std::size_t I, class Fi>
    static auto term()
        -> multiply_t<derivative_t<Fi, V>, decltype(others<I>(std::make_index_sequence<sizeof...(Fs) - 1>{}))>;
    template <std::size_t... I>
    static auto terms(std::index_sequence<I...>)
        -> compact_t<typename sum_all<Int<0>, decltype(term<I, Fs>())...>::type>;
    using type = decltype(terms(std::index_sequence_for<Fs...>{}));
};

// d/dv (c f) = c f': a constant coefficient is carried, not differentiated
// into a zero term (the canonical product puts it first).
template <Constant C, class F, class... Fs, class V>
struct derivative<Product<C, F, Fs...>, V> {
    using type = multiply_t<C, derivative_t<typename make_product<Int<1>, type_list<F, Fs...>>::type, V>>;
};

// d/dv b^e: the power rule for a constant exponent (no logarithm, so x^3 has
// derivative 0 at 0, not NaN); otherwise d(b^e) = b^e (e' ln b + e b'/b).
template <class B, class E, class V>
struct derivative<Power<B, E>, V> {
    static auto pick() {
        if constexpr (Constant<E>) {
            using n_minus_1 = add_t<E, Int<-1>>;
            return std::type_identity<multiply_t<multiply_t<E, power_t<B, n_minus_1>>, derivative_t<B, V>>>{};
        } else {
            using inner = add_t<multiply_t<derivative_t<E, V>, typename log_of_base<B>::type>,
                                multiply_t<multiply_t<E, derivative_t<B, V>>, power_t<B, Int<-1>>>>;
            return std::type_identity<multiply_t<Power<B, E>, inner>>{};
        }
    }
    using type = typename decltype(pick())::type;
};

// The chain rule: d/dv f(u) = f'(u) u'; for two arguments
// d/dv f(u, w) = f_u(u, w) u' + f_w(u, w) w'; a constant (no arguments) has
// derivative 0.
template <class Fn, class V>
struct derivative<Call<Fn>, V> {
    using type = Int<0>;
};
// The stand-in for a constant that could not be formed (expression.hpp) is
// not a constant whose derivative is 0: its derivative is itself, so that the
// error it carries reaches the user however often the expression is
// differentiated (D<Sqrt<X>, X, 20> reports the overflow of its coefficient
// rather than silently being Int<0>).
template <long long Why, class V>
struct derivative<detail::invalid_constant<Why>, V> {
    using type = detail::invalid_constant<Why>;
};
template <class E>
struct is_invalid_constant : std::false_type {};
template <long long Why>
struct is_invalid_constant<invalid_constant<Why>> : std::true_type {};
template <class Fn, class U, class V>
struct derivative<Call<Fn, U>, V> {
    using type = multiply_t<typename Fn::template derivative<U>, derivative_t<U, V>>;
};
template <class Partials, class U, class W, class V>
struct two_argument_chain;
template <class Pu, class Pw, class U, class W, class V>
struct two_argument_chain<Partials<Pu, Pw>, U, W, V> {
    using type = add_t<multiply_t<Pu, derivative_t<U, V>>, multiply_t<Pw, derivative_t<W, V>>>;
};
template <class Fn, class U, class W, class V>
struct derivative<Call<Fn, U, W>, V> : two_argument_chain<typename Fn::template derivative<U, W>, U, W, V> {};

// The variable D<E> differentiates by: E's only variable. A constant has
// none, and its derivative by any variable is 0, so X stands in.
template <class E>
struct sole_variable {
    static auto pick() {
        if constexpr (!Expression<E>) {
            static_assert(Expression<E>, "chainrule::D<E>: E must be a chainrule expression, such as Sigmoid<X>");
            return std::type_identity<X>{};
        } else {
            using vars = variables_t<E>;
            static_assert(vars::size <= 1,
                          "chainrule::D<E>: E has more than one variable; name the one to differentiate by, "
                          "as in D<E, X> or D<E, Var<'w'>>");
            if constexpr (vars::size == 1) return std::type_identity<typename vars::template at<0>>{};
            else return std::type_identity<X>{};
        }
    }
    using type = typename decltype(pick())::type;
};

// The N-th derivative by differentiating N times, stopping early where the
// answer is known: a constant's derivatives are 0 (so D<E, X, 1000> of a
// polynomial stops past its degree), a constant that could not be formed
// stays itself (D<Sqrt<X>, X, 1000> reports the overflow, not the template
// depth), and a derivative that returns to E (exp, sin, cos) repeats with
// that period, so only N mod period steps remain.
template <class E0, class E, class V, int Done, int N>
struct derivatives_from {
    static auto pick() {
        if constexpr (N == 0) {
            return std::type_identity<E>{};
        } else if constexpr (Constant<E>) {
            return std::type_identity<Int<0>>{};
        } else if constexpr (is_invalid_constant<E>::value) {
            return std::type_identity<E>{};  // its derivatives are itself: stop here too
        } else if constexpr (Done > 0 && std::is_same<E, E0>::value) {
            // back at the start after Done steps: the sequence has period Done
            return std::type_identity<typename derivatives_from<E0, E, V, -1, N % Done>::type>{};
        } else {
            return std::type_identity<
                typename derivatives_from<E0, derivative_t<E, V>, V, (Done < 0 ? Done : Done + 1), N - 1>::type>{};
        }
    }
    using type = typename decltype(pick())::type;
};

template <class E, class V, int N>
struct nth_derivative {
    static auto pick() {
        if constexpr (!Expression<E>) {
            static_assert(Expression<E>, "chainrule::D<E, V, N>: E must be a chainrule expression, such as Sigmoid<X>");
            return std::type_identity<Int<0>>{};
        } else if constexpr (!Variable<V>) {
            static_assert(Variable<V>, "chainrule::D<E, V>: V must be a variable such as X or Var<'w'>");
            return std::type_identity<Int<0>>{};
        } else if constexpr (N < 0) {
            static_assert(N >= 0, "chainrule::D<E, V, N>: N, the order of the derivative, must be zero or more");
            return std::type_identity<Int<0>>{};
        } else {
            return std::type_identity<typename derivatives_from<E, E, V, 0, N>::type>{};
        }
    }
    using type = typename decltype(pick())::type;
};

}  // namespace detail

/// The derivative of E by V, taken N times.
///
///   D<E>          E's derivative by its only variable (Int<0> if E is constant)
///   D<E, V>       the partial derivative by V
///   D<E, V, N>    the N-th derivative by V (D<E, V, 0> is E)
///
/// static_assert(std::is_same<D<Sin<X>, X, 4>, Sin<X>>::value);
/// E may be const: decltype of a constexpr auto expression names const E.
template <class E, class V = typename detail::sole_variable<std::remove_cv_t<E>>::type, int N = 1>
using D = typename detail::nth_derivative<std::remove_cv_t<E>, V, N>::type;

}  // namespace chainrule
