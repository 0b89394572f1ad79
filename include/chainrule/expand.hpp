#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/detail/order.hpp"
#include "chainrule/detail/type_list.hpp"
#include "chainrule/expression.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/size.hpp"

#include <cstddef>
#include <type_traits>

// Expand<E>: the polynomial normal form of E, multiplying out every product
// of sums and every positive integer power of a sum, over the atoms that are
// not polynomial (exp(..), sin(..), x^(1/2), 1/(x + 1), ...), whose arguments
// are expanded in turn. Two expressions are equivalent_v when their expanded
// forms are one type, which proves polynomial identities at compile time:
//
//   static_assert(equivalent_v<Pow<Add<X, Int<1>>, Int<2>>,
//                              Add<Add<Pow<X, Int<2>>, Mul<Int<2>, X>>, Int<1>>>);
//
// Expansion is never applied behind the user's back to what they write.
// Derivatives use one step of it (detail::compact_t) where that makes the
// result strictly smaller; see derivative.hpp.
namespace chainrule {

namespace detail {

template <class Terms>
struct sum_of;
template <class... Ts>
struct sum_of<type_list<Ts...>> {
    using type = typename sum_all<Int<0>, Ts...>::type;
};

// (a1 + a2 + ...) (t1 + t2 + ...) as the list of products ai tj.
template <class Acc, class Terms>
struct times_sum;
template <class... As, class Terms>
struct times_sum<type_list<As...>, Terms> {
    template <class A, class... Ts>
    static auto row(type_list<Ts...>) -> type_list<multiply_t<A, Ts>...>;
    using type = typename concat_all<decltype(row<As>(Terms{}))...>::type;
};

template <class Terms, long long N>
struct power_of_terms {
    using type = typename times_sum<typename power_of_terms<Terms, N - 1>::type, Terms>::type;
};
template <class Terms>
struct power_of_terms<Terms, 1> {
    using type = Terms;
};

// ------------------------------------------------------ one step (compact)

// How many products multiplying out a factor or a term one level gives, and
// a bound on the size of their coefficients (the sum of their magnitudes), so
// that a step that could overflow exact arithmetic is never tried. Kept apart
// from the expansions themselves: asking the size must not build them.
//
// Nothing here is a symbol named after the sum or term it measures: counts
// are std::integral_constant bases (their member is named after the number),
// and so are the weights, which are not integers: a weight w > 0 is held
// as two integers, w = m 2^(e - 63) with 2^63 <= m < 2^64, exactly where a
// long double has a 64-bit significand or less (x86-64; neither a
// floating-point nor a class template argument is open to Clang 14 here). A static member or a
// function, consteval or not, of a class named after a large sum is a symbol
// GCC 12 mangles, at a cost that grows with the square of the name (the
// derivative of the logistic map at depth 32: a quarter of its compile time).
template <class C>
consteval long double magnitude() {
    long double m = static_cast<long double>(C::numerator) / static_cast<long double>(C::denominator);
    return m < 0 ? -m : m;
}

// The products of (t1 + ... + tn)^N multiplied out, counted up to past 4,096.
consteval std::size_t power_count(std::size_t n, long long N) {
    std::size_t c = 1;
    for (long long i = 0; i < N && c <= 4096; ++i) c *= n;
    return c;
}

template <class F>
struct factor_size : std::integral_constant<std::size_t, 1> {};
template <class... Ts>
struct factor_size<Sum<Ts...>> : std::integral_constant<std::size_t, sizeof...(Ts)> {};
template <class... Ts, long long N>
    requires(N > 0)
struct factor_size<Power<Sum<Ts...>, Int<N>>> : std::integral_constant<std::size_t, power_count(sizeof...(Ts), N)> {};

// A weight's significand and exponent, and the weight again (exact: only
// scalings by two).
consteval int weight_exponent(long double w) {
    int e = 0;
    if (w <= 0) return 0;
    for (; w >= 2; w /= 2) ++e;
    for (; w < 1; w *= 2) --e;
    return e;
}
consteval unsigned long long weight_significand(long double w) {
    if (w <= 0) return 0;
    while (w >= 2) w /= 2;
    while (w < 1) w *= 2;
    return static_cast<unsigned long long>(w * 9223372036854775808.0L);  // w in [1, 2), times 2^63
}
constexpr long double weight_value(unsigned long long m, int e) {
    long double w = static_cast<long double>(m) / 9223372036854775808.0L;
    for (; e > 0; --e) w *= 2;
    for (; e < 0; ++e) w /= 2;
    return w;
}
template <unsigned long long M, int E>
struct weight_constant {
    static constexpr unsigned long long significand = M;
    static constexpr int exponent = E;
};
#define CHAINRULE_WEIGHT(w) weight_constant<weight_significand(w), weight_exponent(w)>

consteval long double capped_power(long double w, long long n) {
    long double p = 1;
    for (long long i = 0; i < n && p < 1e30L; ++i) p *= w;
    return p;
}

template <class F>
struct factor_weight : CHAINRULE_WEIGHT(1.0L) {};
template <class... Ts>
struct factor_weight<Sum<Ts...>>
    : CHAINRULE_WEIGHT(add_up<long double>({magnitude<typename product_parts<Ts>::coefficient>()...})) {};
template <class... Ts, long long N>
    requires(N > 0)
struct factor_weight<Power<Sum<Ts...>, Int<N>>>
    : CHAINRULE_WEIGHT(
          capped_power(weight_value(factor_weight<Sum<Ts...>>::significand, factor_weight<Sum<Ts...>>::exponent), N)) {
};

template <class T, class Factors = typename product_parts<T>::factors>
struct term_size;
template <class T, class... Fs>
struct term_size<T, type_list<Fs...>>
    : std::integral_constant<std::size_t, multiply_up<std::size_t>({factor_size<Fs>::value...})> {};
template <class T, class Factors = typename product_parts<T>::factors>
struct term_weight;
template <class T, class... Fs>
struct term_weight<T, type_list<Fs...>>
    : CHAINRULE_WEIGHT(multiply_up<long double>({magnitude<typename product_parts<T>::coefficient>(),
                                                 weight_value(factor_weight<Fs>::significand,
                                                              factor_weight<Fs>::exponent)...})) {};
#undef CHAINRULE_WEIGHT

// The terms one factor contributes when multiplied out one level.
template <class F>
struct factor_terms {
    using type = type_list<F>;
};
template <class... Ts>
struct factor_terms<Sum<Ts...>> {
    using type = type_list<Ts...>;
};
template <class... Ts, long long N>
    requires(N > 0)
struct factor_terms<Power<Sum<Ts...>, Int<N>>> {
    using type = typename power_of_terms<type_list<Ts...>, N>::type;
};

template <class Acc, class... Fs>
struct multiply_out_once {
    using type = Acc;
};
template <class Acc, class F, class... Fs>
struct multiply_out_once<Acc, F, Fs...> {
    using type = typename multiply_out_once<typename times_sum<Acc, typename factor_terms<F>::type>::type, Fs...>::type;
};

template <class T, class Factors = typename product_parts<T>::factors>
struct term_expansion;
template <class T, class... Fs>
struct term_expansion<T, type_list<Fs...>> {
    using type = typename multiply_out_once<type_list<typename product_parts<T>::coefficient>, Fs...>::type;
};

// Products of sums in a derivative are multiplied out one level when that
// yields a strictly smaller tree: the product rule turns s (1 - s) into
// s (1 - s)^2 - s^2 (1 - s), which collects to s - 3 s^2 + 2 s^3, and the
// derivatives of the sigmoid stay polynomials in s instead of doubling at
// every order. A limit on the number of products keeps this cheap where it
// cannot pay, such as the nested factors of the logistic map.
inline constexpr std::size_t compact_product_limit = 64;
inline constexpr std::size_t compact_node_limit = 400;

// Whether to try: some term is a product with a sum among its factors, the
// step gives few products, its coefficients cannot overflow, and the sum is
// not already large. (A class, not a consteval function named after the sum.)
template <class... Ts>
struct worth_compacting
    : std::bool_constant<detail::any_of({(term_size<Ts>::value > 1)...}) &&
                         add_up<std::size_t>({term_size<Ts>::value...}) <= compact_product_limit &&
                         // 2^62: any coefficient of the result is at most this, so exact
                         // arithmetic on long long cannot overflow while trying.
                         add_up<long double>(
                             {weight_value(term_weight<Ts>::significand, term_weight<Ts>::exponent)...}) < 4.6e18L &&
                         node_count<Sum<Ts...>>::value <= compact_node_limit> {};
// (Classes selected by the condition, not a function returning the type: a
// function is a symbol named after the sum.)
template <class S, bool Try>
struct compact_step {
    using type = S;
};
template <class... Ts>
struct compact_step<Sum<Ts...>, true> {
    using expanded = typename sum_of<typename concat_all<typename term_expansion<Ts>::type...>::type>::type;
    using type = if_t<(node_count<expanded>::value < node_count<Sum<Ts...>>::value), expanded, Sum<Ts...>>;
};

template <class E>
struct compact {
    using type = E;
};
template <class... Ts>
struct compact<Sum<Ts...>> : compact_step<Sum<Ts...>, worth_compacting<Ts...>::value> {};
template <class E>
using compact_t = typename compact<E>::type;

// ------------------------------------------------------------ full expand

template <class E>
struct expand;
template <class E>
using expand_t = typename expand<E>::type;

template <class E>
struct expand {
    using type = E;  // constants and variables
};
template <class Fn, class... As>
struct expand<Call<Fn, As...>> {
    using type = apply_t<Fn, expand_t<As>...>;
};
template <class B, class E>
struct expand<Power<B, E>> {
    // Only a positive integer power of a sum is multiplied out. The tests
    // nest: E::numerator is read only once E is known to be an integer (an
    // exponent may be a variable or any expression, which has none; a &&
    // inside one condition would still instantiate it).
    static constexpr bool multiplies_out() {
        if constexpr (is_integer<E>) return E::numerator > 0 && kind_of<expand_t<B>>::value == node_kind::sum;
        else return false;
    }
    static auto pick() {
        using b = expand_t<B>;
        if constexpr (multiplies_out()) {
            return std::type_identity<
                typename sum_of<typename power_of_terms<typename sum_terms<b>::type, E::numerator>::type>::type>{};
        } else {
            return std::type_identity<power_t<b, expand_t<E>>>{};
        }
    }
    using type = typename decltype(pick())::type;
};
template <class... Fs>
struct expand<Product<Fs...>> {
    template <class Acc, class... Gs>
    struct multiply_out {
        using type = Acc;
    };
    template <class Acc, class G, class... Gs>
    struct multiply_out<Acc, G, Gs...> {
        using type =
            typename multiply_out<typename times_sum<Acc, typename sum_terms<expand_t<G>>::type>::type, Gs...>::type;
    };
    using type = typename sum_of<typename multiply_out<type_list<Int<1>>, Fs...>::type>::type;
};
template <class... Ts>
struct expand<Sum<Ts...>> {
    using type = typename sum_all<Int<0>, expand_t<Ts>...>::type;
};

}  // namespace detail

/// The polynomial normal form of E: products of sums and positive integer
/// powers of sums multiplied out, like terms collected.
/// Expand<Mul<Add<X, Int<1>>, Add<X, Int<-1>>>> is Sub<Pow<X, Int<2>>, Int<1>>.
template <Expression E>
using Expand = detail::expand_t<E>;

/// True when A and B have the same polynomial normal form, which proves
/// A = B for every value of the variables.
template <Expression A, Expression B>
inline constexpr bool equivalent_v = std::is_same<Expand<A>, Expand<B>>::value;

}  // namespace chainrule
