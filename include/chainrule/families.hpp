#pragma once

#include "chainrule/detail/names.hpp"
#include "chainrule/detail/type_list.hpp"
#include "chainrule/expression.hpp"

#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

// Families of variables: the weights of a layer, written the way models are.
//
//   Vars<"w", 2, 3>      w[0][0], w[0][1], ..., w[1][2]   (Var<"w", i, j>)
//   Vars<"b", 2>         b[0], b[1]                        (Var<"b", i>)
//
// A family stands wherever a list of variables does (Gradient, Jacobian,
// Hessian, ValueAndGradient), flattened row-major in the order written, and
// at<Vars<...>>(values) binds all its members from an array, a span or a
// vector (eval.hpp).
namespace chainrule {

/// The family of variables Name[0..N0)[0..N1)...: Vars<"w", 2, 3> is the six
/// variables Var<"w", i, j>, row-major. Not an expression: a list of variables.
template <var_name Name, std::size_t... N>
struct Vars {
    static_assert(Name.rank == 0, "chainrule::Vars<name, N...>: write the sizes as template arguments");
    static_assert(sizeof...(N) >= 1 && sizeof...(N) <= var_name::max_indices,
                  "chainrule::Vars<name, N...>: a family has 1 to 4 dimensions, as in Vars<\"w\", 2, 3>");
    static_assert(detail::all_of({(N > 0)...}), "chainrule::Vars<name, N...>: every size must be at least 1");

    /// The number of dimensions and their sizes.
    static constexpr std::size_t rank = sizeof...(N);
    static constexpr std::array<std::size_t, sizeof...(N)> shape{N...};
    /// The number of variables in the family.
    static constexpr std::size_t size = [] {
        std::size_t n = 1;
        for (std::size_t s : std::array<std::size_t, sizeof...(N)>{N...}) n *= s;
        return n;
    }();
    /// The name the members share ("w").
    static constexpr var_name base = Name;

    /// The name of the K-th member, row-major.
    static constexpr var_name name_of(std::size_t k) {
        var_name n = Name;
        n.rank = static_cast<unsigned char>(rank);
        for (std::size_t d = rank; d-- > 0;) {
            n.indices[d] = k % shape[d];
            k /= shape[d];
        }
        return n;
    }
    /// The K-th member as a type: Vars<"w", 2, 3>::member<4> is Var<"w", 1, 1>.
    template <std::size_t K>
    using member = detail::variable_t<name_of(K)>;
};

namespace detail {

template <class T>
inline constexpr bool is_family = false;
template <var_name Name, std::size_t... N>
inline constexpr bool is_family<Vars<Name, N...>> = true;

// A variable or a family: what a list of variables may hold.
template <class T>
inline constexpr bool is_variable_or_family = Variable<T> || is_family<T>;

// The members of a family, or the variable itself, as a type_list.
template <class T>
struct members_of {
    using type = type_list<T>;
};
template <class F, std::size_t... K>
auto family_members(std::index_sequence<K...>) -> type_list<typename F::template member<K>...>;
template <var_name Name, std::size_t... N>
struct members_of<Vars<Name, N...>> {
    using type = decltype(family_members<Vars<Name, N...>>(std::make_index_sequence<Vars<Name, N...>::size>{}));
};

/// The variables of a list that may hold families, flattened in order:
/// flatten_variables<Vars<"b", 2>, X> is type_list<Var<"b", 0>, Var<"b", 1>, X>.
template <class... Ts>
using flatten_variables = typename concat_all<typename members_of<Ts>::type...>::type;

}  // namespace detail
}  // namespace chainrule
