#pragma once

#include "chainrule/detail/graph.hpp"
#include "chainrule/detail/type_list.hpp"
#include "chainrule/expression.hpp"

#include <cstddef>

// How big an expression is, two ways: as the tree its type spells, and as
// the graph of its distinct subexpressions (what evaluation computes).
namespace chainrule {

namespace detail {
// (std::integral_constant bases, not static members: see compare_at in
// detail/order.hpp)
template <class E>
struct node_count : std::integral_constant<std::size_t, 1> {};  // Int, Ratio, Var
template <class Fn, class... As>
struct node_count<Call<Fn, As...>>
    : std::integral_constant<std::size_t, 1 + add_up<std::size_t>({node_count<As>::value...})> {};
template <class B, class E>
struct node_count<Power<B, E>> : std::integral_constant<std::size_t, 1 + node_count<B>::value + node_count<E>::value> {
};
template <class... Fs>
struct node_count<Product<Fs...>>
    : std::integral_constant<std::size_t, 1 + add_up<std::size_t>({node_count<Fs>::value...})> {};
template <class... Ts>
struct node_count<Sum<Ts...>>
    : std::integral_constant<std::size_t, 1 + add_up<std::size_t>({node_count<Ts>::value...})> {};
}  // namespace detail

/// The number of nodes of E's tree, counting every template node, constants
/// included: node_count_v<Mul<Int<2>, X>> is 3 (the product, 2, x).
template <Expression E>
inline constexpr std::size_t node_count_v = detail::node_count<E>::value;

/// The number of distinct subexpressions of E, constants included: a
/// subexpression that occurs many times counts once.
/// dag_size_v<Mul<Sin<X>, Cos<Sin<X>>>> is 4 (x, sin x, cos(sin x), the product).
template <Expression E>
inline constexpr std::size_t dag_size_v =
    detail::graph<detail::graph_builder<detail::no_payload, true>, detail::type_list<>, E>::size;

}  // namespace chainrule
