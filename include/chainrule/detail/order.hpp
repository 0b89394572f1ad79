#pragma once

#include "chainrule/detail/names.hpp"
#include "chainrule/expression.hpp"

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

/// -1, 0 or 1 as A sorts before, equal to, or after B. A variable template,
/// so each pair is compared once per translation unit.
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

// Operands Lo, ..., Hi - 1 of two lists of one length: the first pair that
// differs decides, and the pairs after it are never compared -- not even
// instantiated, which a fold or a list of all the comparisons would do,
// recursively through every operand of every operand. Split in halves, so
// the recursion is log2(n) deep.
template <class L1, class L2, std::size_t Lo, std::size_t Hi>
consteval int compare_range() {
    if constexpr (Hi - Lo == 1) {
        return compare_v<at_t<Lo, L1>, at_t<Lo, L2>>;
    } else {
        constexpr std::size_t mid = Lo + (Hi - Lo) / 2;
        constexpr int left = compare_range<L1, L2, Lo, mid>();
        if constexpr (left != 0) return left;
        else return compare_range<L1, L2, mid, Hi>();
    }
}

template <class... As, class... Bs>
consteval int compare_lists(operands<As...>, operands<Bs...>) {
    if constexpr (sizeof...(As) != sizeof...(Bs)) {
        return sizeof...(As) < sizeof...(Bs) ? -1 : 1;
    } else if constexpr (sizeof...(As) == 0) {
        return 0;
    } else {
        return compare_range<type_list<As...>, type_list<Bs...>, 0, sizeof...(As)>();
    }
}

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
    static constexpr int value() {
        static_assert(always_false<F, G>,
                      "chainrule::Add, Mul, ... (the canonical order): two different function tags have the same "
                      "name (and key); functions are told apart by their tag, so give one of them static constexpr "
                      "const char* key = \"...\", a string no other tag of that name has");
        return -1;
    }
};

template <class A, class B>
consteval int compare_same_kind() {
    if constexpr (kind_of<A>::value == node_kind::constant) {
        return rational_compare(value_of<A>, value_of<B>);
    } else if constexpr (kind_of<A>::value == node_kind::variable) {
        return compare_names(A::name, B::name);  // every character, as the bindings do
    } else if constexpr (kind_of<A>::value == node_kind::function) {
        // (the tags compared here, not in a function of their own: a frame
        // less in the message of distinct_function_tags_share_a_name_and_key)
        using F = typename A::function;
        using G = typename B::function;
        if constexpr (std::is_same_v<F, G>) return compare_lists(operands_of<A>{}, operands_of<B>{});
        else if constexpr (constexpr int by_name = three_way(F::name, G::name); by_name != 0) return by_name;
        else if constexpr (constexpr int by_key = three_way(order_key<F>(), order_key<G>()); by_key != 0) return by_key;
        else return distinct_function_tags_share_a_name_and_key<F, G>::value();
    } else if constexpr (kind_of<A>::value == node_kind::power) {
        constexpr int by_base = compare_v<typename A::base, typename B::base>;
        if constexpr (by_base != 0) return by_base;
        else return compare_v<typename A::exponent, typename B::exponent>;
    } else {
        return compare_lists(operands_of<A>{}, operands_of<B>{});
    }
}

template <class A, class B, bool SameKind>
struct compare_nodes {
    static constexpr int value = kind_of<A>::value < kind_of<B>::value ? -1 : 1;
};
template <class A, class B>
struct compare_nodes<A, B, true> {
    static constexpr int value = compare_same_kind<A, B>();
};
template <class A>
struct compare_nodes<A, A, true> {
    static constexpr int value = 0;
};

}  // namespace chainrule::detail
