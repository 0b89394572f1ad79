#pragma once

#include "chainrule/detail/order.hpp"
#include "chainrule/detail/type_list.hpp"
#include "chainrule/expression.hpp"

#include <cstddef>
#include <type_traits>
#include <utility>

// Arithmetic: Add, Sub, Mul, Div, Neg, Pow.
//
// These aliases are the constructors of canonical forms. Each one flattens,
// sorts and collects its operands so that equal mathematics is one type:
//
//   Add<X, Y>                      is  Add<Y, X>
//   Add<X, X>                      is  Mul<Int<2>, X>
//   Mul<X, X>                      is  Pow<X, Int<2>>
//   Mul<Pow<X, Int<2>>, Pow<X, Int<3>>>  is  Pow<X, Int<5>>
//   Sub<X, X>, Mul<Int<0>, X>      are Int<0>
//   Div<X, X>, Pow<X, Int<0>>      are Int<1>
//   Mul<Int<2>, Rational<1, 2>>    is  Int<1>   (constants fold exactly)
//
// Cancellation is algebraic, as in every computer algebra system: Div<X, X>
// is 1 and Mul<Int<0>, Log<X>> is 0 even where x = 0 would make the original
// spelling NaN. Sums are never multiplied out; Expand<E> does that on request.
namespace chainrule {

namespace detail {

template <class A, class B>
struct add;
template <class A, class B>
struct multiply;
template <class B, class E>
struct power;

template <class A, class B>
using add_t = typename add<A, B>::type;
template <class A, class B>
using multiply_t = typename multiply<A, B>::type;
template <class B, class E>
using power_t = typename power<B, E>::type;

// --------------------------------------------------------------- products

// A factor is base^exponent; a factor that is not a Power has exponent 1.
template <class F>
struct factor_parts {
    using base = F;
    using exponent = Int<1>;
};
template <class B, class E>
struct factor_parts<Power<B, E>> {
    using base = B;
    using exponent = E;
};

// An expression seen as coefficient * (sorted factors).
template <class E>
struct product_parts {
    using coefficient = Int<1>;
    using factors = type_list<E>;
};
template <Constant C>
struct product_parts<C> {
    using coefficient = C;
    using factors = type_list<>;
};
template <class F, class... Fs>
struct product_parts<Product<F, Fs...>> {
    using coefficient = if_t<Constant<F>, F, Int<1>>;
    using factors = if_t<Constant<F>, type_list<Fs...>, type_list<F, Fs...>>;
};

// Merges two sorted factor lists, combining equal bases: x^a * x^b = x^(a+b).
// A combined factor that is no longer a plain factor (x^(1/2) * x^(1/2) * ...
// giving a constant or a product) is set aside in Rest and multiplied back in
// at the end; that path is rare and keeps the common one a linear merge.
template <class Out, class Rest, class L1, class L2>
struct merge_factors;
template <int Order, class Out, class Rest, class L1, class L2>
struct merge_factors_step;

template <class... Os, class Rest, class... Gs>
struct merge_factors<type_list<Os...>, Rest, type_list<>, type_list<Gs...>> {
    using factors = type_list<Os..., Gs...>;
    using rest = Rest;
};
template <class... Os, class Rest, class F, class... Fs>
struct merge_factors<type_list<Os...>, Rest, type_list<F, Fs...>, type_list<>> {
    using factors = type_list<Os..., F, Fs...>;
    using rest = Rest;
};
template <class Out, class Rest, class F, class... Fs, class G, class... Gs>
struct merge_factors<Out, Rest, type_list<F, Fs...>, type_list<G, Gs...>>
    : merge_factors_step<compare_nodes<typename factor_parts<F>::base, typename factor_parts<G>::base>::value, Out,
                         Rest, type_list<F, Fs...>, type_list<G, Gs...>> {};

template <class... Os, class Rest, class F, class... Fs, class L2>
struct merge_factors_step<-1, type_list<Os...>, Rest, type_list<F, Fs...>, L2>
    : merge_factors<type_list<Os..., F>, Rest, type_list<Fs...>, L2> {};
template <class... Os, class Rest, class L1, class G, class... Gs>
struct merge_factors_step<1, type_list<Os...>, Rest, L1, type_list<G, Gs...>>
    : merge_factors<type_list<Os..., G>, Rest, L1, type_list<Gs...>> {};

// x^a * x^b = x^(a+b): dropped when it is 1, kept in place when it is a
// plain factor of the same base x, set aside otherwise -- also when its base
// changed, as (x^6)^(-3/4) * (x^6)^(-1/4) = x^-6, whose place in the order is
// x's and which may meet another power of x.
template <class Combined, class Base>
constexpr bool stays_in_place() {
    if constexpr (product_parts<Combined>::factors::size == 1 &&
                  std::is_same<typename product_parts<Combined>::coefficient, Int<1>>::value)
        return std::is_same<typename factor_parts<Combined>::base, Base>::value;
    else return false;
}
template <class Combined, class Base, class Out, class Rest, class L1, class L2>
struct append_combined
    : if_t<stays_in_place<Combined, Base>(), merge_factors<typename push_back<Combined, Out>::type, Rest, L1, L2>,
           merge_factors<Out, typename push_back<Combined, Rest>::type, L1, L2>> {};
template <class Base, class Out, class Rest, class L1, class L2>
struct append_combined<Int<1>, Base, Out, Rest, L1, L2> : merge_factors<Out, Rest, L1, L2> {};

template <class Out, class Rest, class F, class... Fs, class G, class... Gs>
struct merge_factors_step<0, Out, Rest, type_list<F, Fs...>, type_list<G, Gs...>>
    : append_combined<power_t<typename factor_parts<F>::base,
                              add_t<typename factor_parts<F>::exponent, typename factor_parts<G>::exponent>>,
                      typename factor_parts<F>::base, Out, Rest, type_list<Fs...>, type_list<Gs...>> {};

// One factor G placed among the sorted factors L, whose bases are distinct:
// its place is found by bisection (O(log n) comparisons) and the list is
// built in one step, where the merge walks L factor by factor (O(n) steps,
// each a class named after the lists so far). A product times one factor --
// each term of the product rule -- is the common case. A factor whose base is
// already in L goes through the merge, which combines the two.
//
// The place is an integral_constant base, 2 p + 1 when the base at p is G's,
// 2 p when G goes before p (never a static member of its own: see compare_at
// in detail/order.hpp).
template <class L, class GBase, std::size_t Lo, std::size_t Hi, int Order>
struct insertion_step;
template <class L, class GBase, std::size_t Lo, std::size_t Hi>
struct insertion_point
    : insertion_step<L, GBase, Lo, Hi,
                     compare_nodes<typename factor_parts<at_t<Lo + (Hi - Lo) / 2, L>>::base, GBase>::value> {};
template <class L, class GBase, std::size_t N>
struct insertion_point<L, GBase, N, N> : std::integral_constant<std::size_t, 2 * N> {};
template <class L, class GBase, std::size_t Lo, std::size_t Hi>
struct insertion_step<L, GBase, Lo, Hi, -1> : insertion_point<L, GBase, Lo + (Hi - Lo) / 2 + 1, Hi> {};
template <class L, class GBase, std::size_t Lo, std::size_t Hi>
struct insertion_step<L, GBase, Lo, Hi, 1> : insertion_point<L, GBase, Lo, Lo + (Hi - Lo) / 2> {};
template <class L, class GBase, std::size_t Lo, std::size_t Hi>
struct insertion_step<L, GBase, Lo, Hi, 0> : std::integral_constant<std::size_t, 2 * (Lo + (Hi - Lo) / 2) + 1> {};

template <class L, class G, std::size_t P, class Before, class After>
struct insert_at;
template <class L, class G, std::size_t P, std::size_t... I, std::size_t... J>
struct insert_at<L, G, P, std::index_sequence<I...>, std::index_sequence<J...>> {
    using factors = type_list<at_t<I, L>..., G, at_t<P + J, L>...>;
    using rest = type_list<>;
};

template <class L, class G, std::size_t Place = insertion_point<L, typename factor_parts<G>::base, 0, L::size>::value,
          bool SameBase = Place % 2 == 1>
struct insert_factor
    : insert_at<L, G, Place / 2, std::make_index_sequence<Place / 2>, std::make_index_sequence<L::size - Place / 2>> {};
template <class L, class G, std::size_t Place>
struct insert_factor<L, G, Place, true> : merge_factors<type_list<>, type_list<>, L, type_list<G>> {};

// The factors of a product of two: one inserted when either side has one.
template <class L1, class L2>
struct merge_factor_lists : merge_factors<type_list<>, type_list<>, L1, L2> {};
template <class L1, class G>
    requires(L1::size > 1)
struct merge_factor_lists<L1, type_list<G>> : insert_factor<L1, G> {};
template <class F, class L2>
    requires(L2::size > 1)
struct merge_factor_lists<type_list<F>, L2> : insert_factor<L2, F> {};

template <class Coefficient, class Factors>
struct make_product;
template <class C>
struct make_product<C, type_list<>> {
    using type = C;
};
template <class F>
struct make_product<Int<1>, type_list<F>> {
    using type = F;
};
template <class C, class... Fs>
struct make_product<C, type_list<Fs...>> {
    using type = if_t<std::is_same<C, Int<0>>::value, Int<0>,
                      if_t<std::is_same<C, Int<1>>::value, Product<Fs...>, Product<C, Fs...>>>;
};
// A coefficient that could not be formed makes the whole product the
// stand-in that reports it (expression.hpp).
template <long long Why, class... Fs>
struct make_product<invalid_constant<Why>, type_list<Fs...>> {
    using type = invalid_constant<Why>;
};
template <long long Why>
struct make_product<invalid_constant<Why>, type_list<>> {
    using type = invalid_constant<Why>;
};

template <class Acc, class Rest>
struct multiply_rest {
    using type = Acc;
};
template <class Acc, class R, class... Rs>
struct multiply_rest<Acc, type_list<R, Rs...>> {
    using type = typename multiply_rest<multiply_t<Acc, R>, type_list<Rs...>>::type;
};

template <class A, class B>
struct multiply {
    using pa = product_parts<A>;
    using pb = product_parts<B>;
    using coefficient = constant_t<checked_mul(value_of<typename pa::coefficient>, value_of<typename pb::coefficient>)>;
    using merged = merge_factor_lists<typename pa::factors, typename pb::factors>;
    using type = typename multiply_rest<
        typename make_product<
            coefficient, if_t<std::is_same<coefficient, Int<0>>::value, type_list<>, typename merged::factors>>::type,
        if_t<std::is_same<coefficient, Int<0>>::value, type_list<>, typename merged::rest>>::type;
};

// ------------------------------------------------------------------- sums

// A term is coefficient * monomial; a constant is c * 1.
template <class T>
struct term_parts {
    using coefficient = typename product_parts<T>::coefficient;
    using monomial = typename make_product<Int<1>, typename product_parts<T>::factors>::type;
};

template <class Coefficient, class Monomial>
struct term_parts_of {};

template <class Coefficient, class Monomial>
struct make_term {
    using type = typename make_product<Coefficient, typename product_parts<Monomial>::factors>::type;
};

// ------------------------------------------------- the order of a node
// (expression.hpp: every Sum and Product checks it, so a node spelled by hand
// out of order -- Sum<Y, X> -- is an error, not a second spelling of one sum.)
// Keys strictly increasing: each key against the next, in one pack expansion
// (the keys, zipped with the keys shifted by one), no recursion over the pack.
struct order_end {};
// (Classes deriving from std::bool_constant, not variable templates or
// static members of their own: see compare_at in detail/order.hpp.)
template <class A, class B>
struct sorts_before : std::bool_constant<(compare_nodes<A, B>::value < 0)> {};
template <class A>
struct sorts_before<A, order_end> : std::true_type {};

template <class... Keys>
struct keys_increase : std::true_type {};
template <class... Lhs>
struct keys_against {
    template <class... Rhs>
    struct next : std::bool_constant<all_of({sorts_before<Lhs, Rhs>::value...})> {};
};
template <class K, class... Ks>
struct keys_increase<K, Ks...> : keys_against<K, Ks...>::template next<Ks..., order_end> {};

template <bool Check, bool InSum, class... Ts>
struct canonical_order : std::true_type {};  // operands already rejected: not looked into
template <class... Ts>
struct canonical_order<true, true, Ts...> : keys_increase<typename term_parts<Ts>::monomial...> {};
template <class F, class... Fs>
struct canonical_order<true, false, F, Fs...>
    : if_t<Constant<F>, keys_increase<typename factor_parts<Fs>::base...>,
           keys_increase<typename factor_parts<F>::base, typename factor_parts<Fs>::base...>> {};

// Merging two sorted lists of terms, collecting like terms. Written as class
// templates selected by the comparison (no function bodies to instantiate):
// this merge is the hottest path of compiling higher derivatives.
template <class Out, class L1, class L2>
struct merge_terms;
template <int Order, class Out, class L1, class L2>
struct merge_terms_step;

template <class... Os, class... Us>
struct merge_terms<type_list<Os...>, type_list<>, type_list<Us...>> {
    using type = type_list<Os..., Us...>;
};
template <class... Os, class T, class... Ts>
struct merge_terms<type_list<Os...>, type_list<T, Ts...>, type_list<>> {
    using type = type_list<Os..., T, Ts...>;
};
template <class Out, class T, class... Ts, class U, class... Us>
struct merge_terms<Out, type_list<T, Ts...>, type_list<U, Us...>>
    : merge_terms_step<compare_nodes<typename term_parts<T>::monomial, typename term_parts<U>::monomial>::value, Out,
                       type_list<T, Ts...>, type_list<U, Us...>> {};

template <class... Os, class T, class... Ts, class L2>
struct merge_terms_step<-1, type_list<Os...>, type_list<T, Ts...>, L2>
    : merge_terms<type_list<Os..., T>, type_list<Ts...>, L2> {};
template <class... Os, class L1, class U, class... Us>
struct merge_terms_step<1, type_list<Os...>, L1, type_list<U, Us...>>
    : merge_terms<type_list<Os..., U>, L1, type_list<Us...>> {};

// Like terms: c1 m + c2 m = (c1 + c2) m, dropped when the sum is 0.
template <class Out, class Collected, class L1, class L2>
struct append_collected;
template <class... Os, class C, class M, class L1, class L2>
struct append_collected<type_list<Os...>, term_parts_of<C, M>, L1, L2>
    : merge_terms<type_list<Os..., typename make_term<C, M>::type>, L1, L2> {};
template <class... Os, class M, class L1, class L2>
struct append_collected<type_list<Os...>, term_parts_of<Int<0>, M>, L1, L2> : merge_terms<type_list<Os...>, L1, L2> {};
// A coefficient that could not be formed: the merge stops, and the sum is
// the stand-in that reports it (expression.hpp).
template <class... Os, long long Why, class M, class L1, class L2>
struct append_collected<type_list<Os...>, term_parts_of<invalid_constant<Why>, M>, L1, L2> {
    using type = type_list<invalid_constant<Why>>;
};

template <class Out, class T, class... Ts, class U, class... Us>
struct merge_terms_step<0, Out, type_list<T, Ts...>, type_list<U, Us...>>
    : append_collected<Out,
                       term_parts_of<constant_t<checked_add(value_of<typename term_parts<T>::coefficient>,
                                                            value_of<typename term_parts<U>::coefficient>)>,
                                     typename term_parts<T>::monomial>,
                       type_list<Ts...>, type_list<Us...>> {};

// Lists of more than 256 terms in all are merged by halves: the middle term
// of the first list is placed in the second by binary search, and the parts
// on either side are merged in turn, so the template recursion is O(log^2 n)
// deep, not O(n) (a sum of 1,024 terms merged term by term exceeds GCC's
// limit of 900). Shorter lists are merged term by term, which is cheaper:
// taking a list apart by position costs the compiler O(n) per lookup.
template <class M, class L, std::size_t Lo, std::size_t Hi>
struct terms_lower_bound {  // the first index in [Lo, Hi) whose monomial is not below M
    static constexpr std::size_t mid = Lo + (Hi - Lo) / 2;
    static constexpr std::size_t value =
        if_t<(compare_nodes<typename term_parts<at_t<mid, L>>::monomial, M>::value < 0),
             terms_lower_bound<M, L, mid + 1, Hi>, terms_lower_bound<M, L, Lo, mid>>::value;
};
template <class M, class L, std::size_t N>
struct terms_lower_bound<M, L, N, N> {
    static constexpr std::size_t value = N;
};

// left, middle and right joined, or the stand-in for a constant that could not
// be formed if one of them is that (append_collected).
template <class... Lists>
struct stop_at_invalid : concat_all<Lists...> {};
template <long long Why, class... Lists>
struct stop_at_invalid<type_list<invalid_constant<Why>>, Lists...> {
    using type = type_list<invalid_constant<Why>>;
};
template <class L, long long Why, class R>
struct stop_at_invalid<L, type_list<invalid_constant<Why>>, R> {
    using type = type_list<invalid_constant<Why>>;
};
template <class L, class M, long long Why>
struct stop_at_invalid<L, M, type_list<invalid_constant<Why>>> {
    using type = type_list<invalid_constant<Why>>;
};

template <class L1, class L2, bool Long = (L1::size + L2::size > 256 && L1::size > 0 && L2::size > 0)>
struct merge_sorted_terms {
    using type = typename merge_terms<type_list<>, L1, L2>::type;
};
template <class L1, class L2>
struct merge_sorted_terms<L1, L2, true> {
    static constexpr std::size_t m = L1::size / 2;
    using pivot = at_t<m, L1>;
    using monomial = typename term_parts<pivot>::monomial;
    static constexpr std::size_t j = terms_lower_bound<monomial, L2, 0, L2::size>::value;
    static constexpr bool like =
        j < L2::size &&
        compare_nodes<typename term_parts<at_t<(j < L2::size ? j : 0), L2>>::monomial, monomial>::value == 0;
    // the pivot, or the pivot and its like term collected as the term-by-term
    // merge collects them (nothing if they cancel)
    static auto middle() {
        if constexpr (!like) {
            return type_list<pivot>{};
        } else {
            using U = at_t<j, L2>;
            return typename append_collected<
                type_list<>,
                term_parts_of<constant_t<checked_add(value_of<typename term_parts<pivot>::coefficient>,
                                                     value_of<typename term_parts<U>::coefficient>)>,
                              monomial>,
                type_list<>, type_list<>>::type{};
        }
    }
    static constexpr std::size_t after = like ? j + 1 : j;
    using left = typename merge_sorted_terms<slice_t<0, m, L1>, slice_t<0, j, L2>>::type;
    using right =
        typename merge_sorted_terms<slice_t<m + 1, L1::size - m - 1, L1>, slice_t<after, L2::size - after, L2>>::type;
    using type = typename stop_at_invalid<left, decltype(middle()), right>::type;
};

template <class E>
struct sum_terms {
    using type = if_t<std::is_same<E, Int<0>>::value, type_list<>, type_list<E>>;
};
template <class... Ts>
struct sum_terms<Sum<Ts...>> {
    using type = type_list<Ts...>;
};

template <class Terms>
struct make_sum {
    using type = typename rename<Terms, Sum>::type;
};
template <>
struct make_sum<type_list<>> {
    using type = Int<0>;
};
template <class T>
struct make_sum<type_list<T>> {
    using type = T;
};

template <class A, class B>
struct add {
    using type = typename make_sum<
        typename merge_sorted_terms<typename sum_terms<A>::type, typename sum_terms<B>::type>::type>::type;
};
template <Constant A, Constant B>
struct add<A, B> {
    using type = constant_t<checked_add(value_of<A>, value_of<B>)>;
};

// ----------------------------------------------------------------- powers

template <class E>
inline constexpr bool is_integer = false;
template <long long N>
inline constexpr bool is_integer<Int<N>> = true;

template <class B, class E>
struct power {
    static auto pick() {
        if constexpr (std::is_same<B, Int<0>>::value && Constant<E> && !std::is_same<E, Int<0>>::value) {
            // 0^e = 0 for e > 0; for e < 0 a division by zero, reported with
            // no expression in the message (expression.hpp)
            if constexpr (E::numerator > 0) return std::type_identity<Int<0>>{};
            else return std::type_identity<invalid_constant_t<constant_zero_to_negative_power, E>>{};
        } else if constexpr (std::is_same<E, Int<0>>::value) {
            return std::type_identity<Int<1>>{};  // x^0 = 1, and 0^0 = 1 as std::pow
        } else if constexpr (std::is_same<E, Int<1>>::value || std::is_same<B, Int<1>>::value) {
            return std::type_identity<B>{};
        } else if constexpr (Constant<B> && is_integer<E>) {
            return std::type_identity<constant_t<checked_pow(value_of<B>, E::numerator)>>{};
        } else if constexpr (is_integer<E> && kind_of<B>::value == node_kind::product) {
            // (c * f * g)^n = c^n * f^n * g^n for integer n
            return distribute(typename product_parts<B>::factors{});
        } else if constexpr (is_integer<E> && kind_of<B>::value == node_kind::power) {
            // (b^e)^n = b^(e n) for integer n
            return std::type_identity<power_t<typename B::base, multiply_t<typename B::exponent, E>>>{};
        } else {
            return std::type_identity<Power<B, E>>{};
        }
    }
    template <class... Fs>
    static auto distribute(type_list<Fs...>) {
        using c = constant_t<checked_pow(value_of<typename product_parts<B>::coefficient>, E::numerator)>;
        return std::type_identity<typename multiply_rest<c, type_list<power_t<Fs, E>...>>::type>{};
    }
    using type = typename decltype(pick())::type;
};

// An operand that is the stand-in for a constant that could not be formed
// (expression.hpp) makes the result that stand-in, not looked into.
template <long long Why, class B>
struct add<invalid_constant<Why>, B> {
    using type = invalid_constant<Why>;
};
template <class A, long long Why>
struct add<A, invalid_constant<Why>> {
    using type = invalid_constant<Why>;
};
template <long long Why, long long Why2>
struct add<invalid_constant<Why>, invalid_constant<Why2>> {
    using type = invalid_constant<Why>;
};
template <long long Why, class B>
struct multiply<invalid_constant<Why>, B> {
    using type = invalid_constant<Why>;
};
template <class A, long long Why>
struct multiply<A, invalid_constant<Why>> {
    using type = invalid_constant<Why>;
};
template <long long Why, long long Why2>
struct multiply<invalid_constant<Why>, invalid_constant<Why2>> {
    using type = invalid_constant<Why>;
};
template <long long Why, class E>
struct power<invalid_constant<Why>, E> {
    using type = invalid_constant<Why>;
};
template <class B, long long Why>
struct power<B, invalid_constant<Why>> {
    using type = invalid_constant<Why>;
};
template <long long Why, long long Why2>
struct power<invalid_constant<Why>, invalid_constant<Why2>> {
    using type = invalid_constant<Why>;
};

// Sums and products of many operands, combined as a balanced tree: each
// combination is a merge of sorted operand lists, so the tree costs
// O(n log n) merges where a left fold would cost O(n^2), and the
// intermediate types stay small. Up to 256 operands they are combined in
// adjacent pairs, level by level (a recursion n/2 deep, cheap); above, each
// half is combined and then the two, so the recursion stays O(log n) deep.
template <template <class, class> class Op, class Out, class... Ts>
struct combine_pairs;
template <template <class, class> class Op, class... Os>
struct combine_pairs<Op, type_list<Os...>> {
    using type = type_list<Os...>;
};
template <template <class, class> class Op, class... Os, class T>
struct combine_pairs<Op, type_list<Os...>, T> {
    using type = type_list<Os..., T>;
};
template <template <class, class> class Op, class... Os, class A, class B, class... Ts>
struct combine_pairs<Op, type_list<Os...>, A, B, Ts...> {
    using type = typename combine_pairs<Op, type_list<Os..., typename Op<A, B>::type>, Ts...>::type;
};

template <template <class, class> class Op, class List, bool Halve = (List::size > 256)>
struct combine_all;
template <template <class, class> class Op, class T>
struct combine_all<Op, type_list<T>, false> {
    using type = T;
};
template <template <class, class> class Op, class... Ts>
struct combine_all<Op, type_list<Ts...>, false> {
    using type = typename combine_all<Op, typename combine_pairs<Op, type_list<>, Ts...>::type>::type;
};
template <template <class, class> class Op, class List>
struct combine_all<Op, List, true> {
    static constexpr std::size_t half = List::size / 2;
    using type = typename Op<typename combine_all<Op, slice_t<0, half, List>>::type,
                             typename combine_all<Op, slice_t<half, List::size - half, List>>::type>::type;
};

// Acc op T1 op T2 ..., with the common short cases taken directly: most sums
// and products the rules build have an identity accumulator and one or two
// operands, and need none of the pairing machinery.
template <template <class, class> class Op, class Identity, class Acc, class... Ts>
struct combine {
    using type = typename combine_all<Op, type_list<Acc, Ts...>>::type;
};
template <template <class, class> class Op, class Identity, class Acc>
struct combine<Op, Identity, Acc> {
    using type = Acc;
};
template <template <class, class> class Op, class Identity, class A, class B>
struct combine<Op, Identity, A, B> {
    using type = typename Op<A, B>::type;
};
template <template <class, class> class Op, class Identity, class T>
struct combine<Op, Identity, Identity, T> {
    using type = T;
};
template <template <class, class> class Op, class Identity, class A, class B>
struct combine<Op, Identity, Identity, A, B> {
    using type = typename Op<A, B>::type;
};

/// Acc + T1 + T2 + ...
template <class Acc, class... Ts>
struct sum_all : combine<add, Int<0>, Acc, Ts...> {};

/// Acc * T1 * T2 * ...
template <class Acc, class... Ts>
struct product_all : combine<multiply, Int<1>, Acc, Ts...> {};

template <class A, class B>
struct divide {
    using type = multiply_t<A, power_t<B, Int<-1>>>;
};
// Division by the constant zero, reported with no expression in the message
// (expression.hpp): A may be large.
template <class A>
struct divide<A, Int<0>> {
    using type = invalid_constant_t<constant_divisor_zero, A>;
};

}  // namespace detail

namespace detail {
// Add and Mul of many operands combine them pairwise as a balanced tree
// (sum_all, product_all): a pre-activation of 1,024 terms is built by
// O(n log n) merges instead of the O(n^2) of a left fold, and with no
// template recursion as deep as the sum.
template <class... Ts>
struct add_many;  // Add's constraint requires two operands or more
template <class A, class B>
struct add_many<A, B> : add<A, B> {};
template <class A, class B, class C, class... Cs>
struct add_many<A, B, C, Cs...> : sum_all<A, B, C, Cs...> {};
template <class... Ts>
struct multiply_many;
template <class A, class B>
struct multiply_many<A, B> : multiply<A, B> {};
template <class A, class B, class C, class... Cs>
struct multiply_many<A, B, C, Cs...> : product_all<A, B, C, Cs...> {};
}  // namespace detail

// (Add and Mul take one pack, so that a pack expansion may fill any of
// their operands: Add<Mul<W<I>, X<I>>..., B>. Their constraint is one
// check, not a fold: Clang refuses folds over more than 256 operands.)

/// A + B + C + ...: Add<X, Y, Z> is Add<Add<X, Y>, Z>; two operands or more.
template <class... Ts>
    requires(sizeof...(Ts) >= 2 && detail::all_of({Expression<Ts>...}))
using Add = typename detail::add_many<Ts...>::type;

/// A * B * C * ...: Mul<X, Y, Z> is Mul<Mul<X, Y>, Z>; two operands or more.
template <class... Ts>
    requires(sizeof...(Ts) >= 2 && detail::all_of({Expression<Ts>...}))
using Mul = typename detail::multiply_many<Ts...>::type;

/// -A, which is Mul<Int<-1>, A>.
template <Expression A>
using Neg = detail::multiply_t<Int<-1>, A>;

/// A - B, which is Add<A, Neg<B>>.
template <Expression A, Expression B>
using Sub = detail::add_t<A, Neg<B>>;

/// A raised to B. A constant rational exponent differentiates by the power
/// rule; any other exponent by d(a^b) = a^b (b' ln a + b a'/a).
template <Expression A, Expression B>
using Pow = detail::power_t<A, B>;

/// A / B, which is Mul<A, Pow<B, Int<-1>>>.
template <Expression A, Expression B>
using Div = typename detail::divide<A, B>::type;

}  // namespace chainrule
