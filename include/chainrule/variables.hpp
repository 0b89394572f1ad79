#pragma once

#include "chainrule/detail/dag.hpp"
#include "chainrule/detail/order.hpp"
#include "chainrule/detail/type_list.hpp"
#include "chainrule/expression.hpp"

#include <cstddef>
#include <type_traits>

// The variables an expression depends on.
namespace chainrule {

namespace detail {
template <class Out, class Nodes>
struct only_variables;
template <class Out>
struct only_variables<Out, type_list<>> {
    using type = Out;
};
template <class Out, class T, class... Ts>
struct only_variables<Out, type_list<T, Ts...>> {
    using type = typename only_variables<if_t<Variable<T>, typename push_back<T, Out>::type, Out>,
                                         type_list<Ts...>>::type;
};
}  // namespace detail

/// The variables of E, as a detail::type_list in the order they are first met.
template <Expression E>
using variables_t = typename detail::only_variables<detail::type_list<>, detail::dag_nodes<E>>::type;

/// How many distinct variables E depends on: 0 for Int<3>, 1 for Sin<X>,
/// 2 for Mul<X, Y>.
template <Expression E>
inline constexpr std::size_t variable_count_v = variables_t<E>::size;

}  // namespace chainrule
