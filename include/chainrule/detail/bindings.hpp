#pragma once

#include "chainrule/detail/names.hpp"
#include "chainrule/detail/type_list.hpp"
#include "chainrule/expression.hpp"

#include <array>
#include <concepts>
#include <cstddef>
#include <initializer_list>
#include <type_traits>
#include <utility>

// Where evaluation finds the values of variables, and how a call's bindings
// are checked against the variables an expression has (for eval and for
// Gradient, Jacobian and Hessian alike).
//
// Every lookup is by name, in constexpr tables sorted once per set of
// bindings: finding n variables among n bindings costs O(n log n) constexpr
// steps and no template instantiation per pair.
namespace chainrule {

/// The number types eval accepts: float, double, long double, and user types
/// with arithmetic operators whose exp, log, sin, ... are found by ADL
/// (boost::multiprecision::cpp_bin_float_50, an interval type, ...).
template <class T>
concept Scalar = std::floating_point<T> || (std::is_class_v<T> && std::is_constructible_v<T, long long> &&
                                            requires(const T& a) {
                                                a + a;
                                                a - a;
                                                a * a;
                                                a / a;
                                                -a;
                                            });

/// The value of the variable V at a point: an argument of eval.
template <Variable V, Scalar T>
struct binding {
    using variable = V;
    using scalar = T;
    T value;
};

namespace detail {

template <class T>
inline constexpr bool is_binding = false;
template <class V, class T>
inline constexpr bool is_binding<binding<V, T>> = true;

/// The names of Vs..., sorted, with their positions in the pack.
template <class... Vs>
struct name_table {
    static constexpr std::size_t size = sizeof...(Vs);
    static constexpr std::array<named_position, size> sorted = [] {
        std::array<named_position, size> a{};
        std::size_t i = 0;
        (void)std::initializer_list<int>{(a[i] = named_position{Vs::name, i}, ++i, 0)...};
        return sorted_by_name(a);
    }();
    // The name's position in Vs, or size.
    static constexpr std::size_t position(const var_name& name) {
        const std::size_t i = find_name(sorted, name);
        return i < size ? sorted[i].position : size;
    }
    // True when no name occurs twice.
    static constexpr bool distinct = [] {
        for (std::size_t i = 1; i < size; ++i)
            if (compare_names(sorted[i - 1].name, sorted[i].name) == 0) return false;
        return true;
    }();
};

/// True when no variable occurs twice in Vs.
template <class... Vs>
consteval bool all_distinct_variables() {
    if constexpr (!all_of({Variable<Vs>...})) return true;  // reported as "must be a variable"
    else return name_table<Vs...>::distinct;
}

// ------------------------------------------------------------ environments

/// One number for an expression of at most one variable.
template <class T>
struct single_value {
    using scalar = T;
    T x;
    static constexpr std::size_t position(const var_name&) { return 0; }
    constexpr const T* bound_values() const { return &x; }
};

/// Values for variables by name: the bound part of a point.
// The scalar of several bindings: their common type, looked up only when
// they differ (std::common_type recurses once per binding).
template <bool Same, class First, class... Ts>
struct common_scalar_of {
    using type = First;
};
template <class First, class... Ts>
struct common_scalar_of<false, First, Ts...> {
    using type = std::common_type_t<First, Ts...>;
};
template <class First, class... Ts>
struct common_scalar : common_scalar_of<all_of({std::is_same_v<First, Ts>...}), First, Ts...> {};

template <class... Bs>
struct bindings {
    using scalar = typename common_scalar<typename Bs::scalar...>::type;
    using names = name_table<typename Bs::variable...>;
    std::array<scalar, sizeof...(Bs)> values;

    constexpr bindings(const Bs&... bs) : values{scalar(bs.value)...} {}

    static constexpr std::size_t position(const var_name& name) { return names::position(name); }
    constexpr const scalar* bound_values() const { return values.data(); }
};

// ------------------------------------------------------------ the checks

// The name of a variable as a list of characters, for diagnostics: Clang
// prints Var<"w1"> as Var<{{119, 49, 0, ...}}>, but both compilers print
// variable_named<'w', '1'> legibly.
template <char... Name>
struct variable_named {};
template <var_name Name, std::size_t... I>
variable_named<Name.chars[I]...> spell_name(std::index_sequence<I...>);
consteval std::size_t name_length(const var_name& name) {
    std::size_t n = 0;
    while (name.chars[n] != '\0') ++n;
    return n;
}
template <class V>
using spelled_name_of = decltype(spell_name<V::name>(std::make_index_sequence<name_length(V::name)>{}));

// Diagnoses a call of eval<E>(bindings...) that leaves a variable of E unbound.
// The compiler shows this template with the variable's name first, e.g.
// "variable_has_no_value<chainrule::detail::variable_named<'y'>, ...>".
template <class Name, class V, class... Bs>
struct variable_has_no_value {
    static constexpr bool bound = name_table<typename Bs::variable...>::position(V::name) < sizeof...(Bs);
    static_assert(bound, "chainrule::eval<E>(at<V>(value)...): a variable of E has no value; "
                         "the first argument of this template, variable_named<...>, spells its name");
    static constexpr bool value = bound;
};

// Diagnoses a binding of a variable that E does not have, showing its name
// the same way: "variable_not_in_expression<...variable_named<'w', '1'>, ...>".
template <class Name, class V, class Vars>
struct variable_not_in_expression;
template <class Name, class V, class... Vars>
struct variable_not_in_expression<Name, V, type_list<Vars...>> {
    static constexpr bool known = name_table<Vars...>::position(V::name) < sizeof...(Vars);
    static_assert(known, "chainrule::eval<E>(at<V>(value)...): E has no variable V; "
                         "the first argument of this template, variable_named<...>, spells its name");
    static constexpr bool value = known;
};

// Every name of A's table is in B's.
template <class A, class B>
consteval bool names_within() {
    for (const named_position& n : A::sorted)
        if (B::position(n.name) >= B::size) return false;
    return true;
}

template <class... Vs>
struct check_bindings;
template <class... Vars, class... Bs>
struct check_bindings<type_list<Vars...>, Bs...> {
    using wanted = name_table<Vars...>;
    using bound = name_table<typename Bs::variable...>;
    static constexpr bool all_bound = names_within<wanted, bound>();
    static constexpr bool none_extra = names_within<bound, wanted>();
    static constexpr bool value = all_bound && none_extra;

    // Called only when value is false: instantiates the templates above, whose
    // static_asserts name the call and spell the variable. The verdict itself
    // does not depend on them, so evaluation stops there and no further
    // errors pile up.
    static constexpr void diagnose_missing() {
        (void)std::initializer_list<bool>{variable_has_no_value<spelled_name_of<Vars>, Vars, Bs...>::value...};
    }
    static constexpr void diagnose() {
        diagnose_missing();
        (void)std::initializer_list<bool>{
            variable_not_in_expression<spelled_name_of<typename Bs::variable>, typename Bs::variable,
                                       type_list<Vars...>>::value...};
    }
};

}  // namespace detail
}  // namespace chainrule
