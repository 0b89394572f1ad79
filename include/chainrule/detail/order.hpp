#pragma once

#include "chainrule/detail/names.hpp"
#include "chainrule/detail/type_list.hpp"
#include "chainrule/expression.hpp"

#include <cstddef>
#include <type_traits>

// The canonical order of expressions, used to sort the terms of a Sum and the
// factors of a Product so that Add<X, Y> and Add<Y, X> are one type.
//
// The order is structural and depends only on values the program spells:
// numbers, variable names, function names. It never looks at mangled names,
// type_info or anything else a compiler is free to choose, so GCC and Clang
// (and any conforming compiler) sort identically.
//
//   1. by kind: constant < variable < function < power < product < sum
//   2. within a kind:
//        constants   by numeric value
//        variables   by name (lexicographic: x < y < z, w1 < w2), then by
//                    indices (w < w[0] < w[0][1] < w[1])
//        functions   by function name, then by the tag's `key` (a string
//                    the tag may carry; its name when absent), then by
//                    arguments. Two different tags that agree on name and
//                    key are a compile error (distinct_function_tags_
//                    share_a_name_and_key<F, G>): the order could not tell
//                    them apart without reading what the compiler chooses,
//                    and taking them as one function would be wrong. The same
//                    tag is the same function: functions are told apart by
//                    their tag type, and only ordered by what the tag spells.
//        powers      by base, then by exponent
//        products,
//        sums        by number of operands, then operand by operand
namespace chainrule::detail {

enum class node_kind { constant, variable, function, power, product, sum };

template <class E>
struct kind_of;
template <long long N>
struct kind_of<Int<N>> : std::integral_constant<node_kind, node_kind::constant> {};
template <long long P, long long Q>
struct kind_of<Ratio<P, Q>> : std::integral_constant<node_kind, node_kind::constant> {};
template <var_name N, std::size_t... I>
struct kind_of<Var<N, I...>> : std::integral_constant<node_kind, node_kind::variable> {};
template <class Fn, class... As>
struct kind_of<Call<Fn, As...>> : std::integral_constant<node_kind, node_kind::function> {};
template <class B, class E>
struct kind_of<Power<B, E>> : std::integral_constant<node_kind, node_kind::power> {};
template <class... Fs>
struct kind_of<Product<Fs...>> : std::integral_constant<node_kind, node_kind::product> {};
template <class... Ts>
struct kind_of<Sum<Ts...>> : std::integral_constant<node_kind, node_kind::sum> {};

template <class A, class B, bool SameKind = (kind_of<A>::value == kind_of<B>::value)>
struct compare_nodes;

/// -1, 0 or 1 as A sorts before, equal to, or after B (compare_nodes<A,
/// B>::value; each pair is compared once per translation unit).
template <class A, class B>
inline constexpr int compare_v = compare_nodes<A, B>::value;

// Lexicographic comparison of two names (strcmp, usable at compile time).
constexpr int three_way(const char* a, const char* b) {
    for (; *a != '\0' && *a == *b; ++a, ++b) {
    }
    return *a == *b ? 0 : (static_cast<unsigned char>(*a) < static_cast<unsigned char>(*b) ? -1 : 1);
}

template <class... Ts>
struct operands {};

template <class E>
struct operands_of_impl;
template <class... Fs>
struct operands_of_impl<Product<Fs...>> {
    using type = operands<Fs...>;
};
template <class... Ts>
struct operands_of_impl<Sum<Ts...>> {
    using type = operands<Ts...>;
};
template <class Fn, class... As>
struct operands_of_impl<Call<Fn, As...>> {
    using type = operands<As...>;
};
template <class E>
using operands_of = typename operands_of_impl<E>::type;

// Left where it decides (is not 0), else Then::value: Then is named, and
// instantiated only when Left is 0.
template <int Left, class Then>
struct or_else : std::integral_constant<int, Left> {};
template <class Then>
struct or_else<0, Then> : std::integral_constant<int, Then::value> {};

// Whether two types are one type, answered by the compiler without
// instantiating anything (GCC and Clang: __is_same, which libstdc++ and
// libc++ use for std::is_same_v).
#if defined(__GNUC__) || defined(__clang__)
#define CHAINRULE_SAME_TYPE(A, B) __is_same(A, B)
#else
#define CHAINRULE_SAME_TYPE(A, B) std::is_same<A, B>::value
#endif

// Two operand lists of one length: the first pair of operands that differ
// decides. Which pair that is needs no comparison: one flag per pair (are they
// two types?), in a list (not a fold: Clang limits folds to 256 operands),
// and the first set one is the pair compared, recursively; the pairs around it
// are never compared. (Until 2026-12-01 the lists were compared by halves, a
// class per range named after both lists, down to the first difference: the
// terms of D<l_n>, the logistic map's derivative, are products of about n
// factors that differ in one, so each comparison cost O(n) classes. D<l_32>
// as a type: clang++ 10.6 -> 7.3 s, 859 -> 623 MiB; g++ 8.9 -> 7.7 s,
// 1.39 -> 1.04 GiB.)
//
// Every result of the order is a class deriving from std::integral_constant,
// never a variable template, a static data member of its own or a function:
// those are symbols named after the types compared, and GCC computes the
// mangled name of every symbol it has met, whose length grows with the
// types' size (for the logistic map at depth 24, 63% of the compile time).
template <class L1, class L2, std::size_t I, std::size_t N>
struct compare_at : std::integral_constant<int, compare_nodes<at_t<I, L1>, at_t<I, L2>>::value> {};
template <class L1, class L2, std::size_t N>
struct compare_at<L1, L2, N, N> : std::integral_constant<int, 0> {};

template <class A, class B>
struct compare_lists;
template <class... As, class... Bs>
struct compare_lists<operands<As...>, operands<Bs...>>
    : std::integral_constant<int, (sizeof...(As) == sizeof...(Bs)  ? 0
                                   : sizeof...(As) < sizeof...(Bs) ? -1
                                                                   : 1)> {};
template <class... As, class... Bs>
    requires(sizeof...(As) == sizeof...(Bs) && sizeof...(As) > 0)
struct compare_lists<operands<As...>, operands<Bs...>>
    : compare_at<type_list<As...>, type_list<Bs...>, first_true({!CHAINRULE_SAME_TYPE(As, Bs)...}), sizeof...(As)> {};

// The order key of a function tag: its `key` if it has one, else its name.
template <class Fn>
constexpr const char* order_key() {
    if constexpr (requires { Fn::key; }) return Fn::key;
    else return Fn::name;
}

template <class F, class G>
inline constexpr bool always_false = false;

// Two different tags with one name and key: see the order above.
template <class F, class G>
struct distinct_function_tags_share_a_name_and_key {
    // (In a function, not the class: Clang makes a class whose static_assert
    // failed unusable in constant expressions, and cascades.)
    static constexpr int check() {
        static_assert(always_false<F, G>,
                      "chainrule::Add, Mul, ... (the canonical order): two different function tags have the same "
                      "name (and key); functions are told apart by their tag, so give one of them static constexpr "
                      "const char* key = \"...\", a string no other tag of that name has");
        return -1;
    }
};

// Functions: by the tag's name, then its key, then (one tag) the arguments.
template <class A, class B, class F = typename A::function, class G = typename B::function,
          int ByName = three_way(F::name, G::name), int ByKey = three_way(order_key<F>(), order_key<G>())>
struct compare_functions : std::integral_constant<int, ByName != 0 ? ByName : ByKey> {};
template <class A, class B, class F, class G>
struct compare_functions<A, B, F, G, 0, 0>
    : std::integral_constant<int, distinct_function_tags_share_a_name_and_key<F, G>::check()> {};
template <class A, class B, class F>
struct compare_functions<A, B, F, F, 0, 0> : compare_lists<operands_of<A>, operands_of<B>> {};

template <class A, class B, node_kind Kind = kind_of<A>::value>
struct compare_same_kind : compare_lists<operands_of<A>, operands_of<B>> {};  // products, sums
template <class A, class B>
struct compare_same_kind<A, B, node_kind::constant>
    : std::integral_constant<int, rational_compare(value_of<A>, value_of<B>)> {};
// (variables by every character of the name, as the bindings compare them)
template <class A, class B>
struct compare_same_kind<A, B, node_kind::variable> : std::integral_constant<int, compare_names(A::name, B::name)> {};
template <class A, class B>
struct compare_same_kind<A, B, node_kind::function> : compare_functions<A, B> {};
template <class A, class B>
struct compare_same_kind<A, B, node_kind::power> : or_else<compare_nodes<typename A::base, typename B::base>::value,
                                                           compare_nodes<typename A::exponent, typename B::exponent>> {
};

template <class A, class B, bool SameKind>
struct compare_nodes : std::integral_constant<int, (kind_of<A>::value < kind_of<B>::value ? -1 : 1)> {};
template <class A, class B>
struct compare_nodes<A, B, true> : std::integral_constant<int, compare_same_kind<A, B>::value> {};
template <class A>
struct compare_nodes<A, A, true> : std::integral_constant<int, 0> {};

}  // namespace chainrule::detail
