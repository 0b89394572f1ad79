#pragma once

#include "chainrule/detail/bindings.hpp"
#include "chainrule/detail/graph.hpp"
#include "chainrule/detail/type_list.hpp"
#include "chainrule/expression.hpp"

#include <array>
#include <cstddef>
#include <utility>

// The variables an expression depends on.
namespace chainrule {

namespace detail {
// The variables of a graph as values: their names in the order the graph
// meets them (children first) and sorted, for lookups. This is what the
// checks of eval's and Gradient's arguments read; no type is made per
// variable.
template <class Shape>
struct graph_variable_names {
    using shape = Shape;
    static constexpr std::size_t size = [] {
        std::size_t n = 0;
        for (const auto& r : shape::tables.nodes) n += r.kind == node_kind::variable ? 1 : 0;
        return n;
    }();
    static constexpr std::size_t count = size;
    static constexpr std::array<named_position, size> names = [] {
        std::array<named_position, size> out{};
        std::size_t n = 0;
        for (const auto& r : shape::tables.nodes)
            if (r.kind == node_kind::variable) out[n] = {r.name, n}, ++n;
        return out;
    }();
    static constexpr sorted_names<size> table{sorted_by_name(names)};
    static constexpr auto& sorted = table.sorted;
    static constexpr std::size_t position(const var_name& name) { return table.position(name); }
};

// The names of Names (a class with size and names) rebuilt as a type_list of
// variables.
template <class Names>
struct names_as_types {
    template <std::size_t... I>
    static auto list(std::index_sequence<I...>) -> type_list<variable_t<Names::names[I].name>...>;
    using type = decltype(list(std::make_index_sequence<Names::size>{}));
};

// The same variables as types, for variables_t.
template <class Shape>
struct graph_variables : graph_variable_names<Shape> {
    using type = typename names_as_types<graph_variable_names<Shape>>::type;
};

// The variables of Es..., from a graph built for nothing else.
template <class... Es>
struct variables_of : graph_variables<graph<graph_builder<>, type_list<>, Es...>> {};
}  // namespace detail

/// The variables of E, as a detail::type_list in the order they are first met.
template <Expression E>
using variables_t = typename detail::variables_of<E>::type;

/// How many distinct variables E depends on: 0 for Int<3>, 1 for Sin<X>,
/// 2 for Mul<X, Y>.
template <Expression E>
inline constexpr std::size_t variable_count_v = detail::variables_of<E>::count;

}  // namespace chainrule
