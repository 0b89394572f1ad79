#pragma once

#include "chainrule/detail/names.hpp"
#include "chainrule/detail/type_list.hpp"
#include "chainrule/expression.hpp"
#include "chainrule/families.hpp"

#include <array>
#include <concepts>
#include <cstddef>
#include <initializer_list>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

// Where evaluation finds the values of variables, and how a call's bindings
// are checked against the variables an expression has (for eval and for
// Gradient, Jacobian and Hessian alike).
//
// Every lookup is by name, in constexpr tables sorted once per set of
// bindings: finding n variables among n bindings costs O(n log n) constexpr
// steps and no template instantiation per pair.
namespace chainrule {

namespace detail {

// A user type whose division truncates (an integer-like type: x/2 at 3 would
// be 1, and every derivative with a fraction in it wrong) is not a scalar.
// It is known by std::numeric_limits<T>::is_integer where T specialises
// numeric_limits, or by T(1) / T(2) == T(0) where that is a constant
// expression (a literal type with constexpr operators). A type that says
// neither (no numeric_limits, operators not constexpr) is taken at its word.
template <class T>
consteval bool integer_by_numeric_limits() {
    if constexpr (std::numeric_limits<T>::is_specialized) return std::numeric_limits<T>::is_integer;
    else return false;
}
template <class T>
consteval bool half_is_constant_zero() {
    if constexpr (requires { typename std::bool_constant<(T(1LL) / T(2LL) == T(0LL))>; })
        return T(1LL) / T(2LL) == T(0LL);
    else return false;
}
template <class T>
concept division_does_not_truncate = !integer_by_numeric_limits<T>() && !half_is_constant_zero<T>();

}  // namespace detail

/// The number types eval accepts: float, double, long double, and user types
/// with arithmetic operators whose exp, log, sin, ... are found by ADL
/// (boost::multiprecision::cpp_bin_float_50, an interval type, ...). A user
/// type whose division truncates is not one: numeric_limits says it is an
/// integer, or T(1) / T(2) is T(0) in a constant expression.
// clang-format 14 lays out a requires-expression inside a concept's
// conjunction as if && were a reference (T&& ...), so it is left as written.
// clang-format off
template <class T>
concept Scalar = std::floating_point<T> || (std::is_class_v<T> && std::is_constructible_v<T, long long> &&
                                            requires(const T& a) {
                                                a + a;
                                                a - a;
                                                a * a;
                                                a / a;
                                                -a;
                                            } &&
                                            detail::division_does_not_truncate<T>);
// clang-format on

/// The value of the variable V at a point: an argument of eval.
template <Variable V, Scalar T>
struct binding {
    using variable = V;
    using scalar = T;
    T value;

    static constexpr std::size_t count = 1;
    static constexpr bool strict = true;  // eval rejects it when E lacks V
    static constexpr var_name name_at(std::size_t) { return V::name; }
    template <class S>
    constexpr void write(S* out) const {
        out[0] = S(value);
    }
};

/// The values of every member of the family F, row-major: what
/// at<Vars<"w", 2, 3>>(values) returns.
template <class F, Scalar T>
struct family_binding {
    using family = F;
    using scalar = T;
    std::array<T, F::size> values;

    static constexpr std::size_t count = F::size;
    static constexpr bool strict = false;  // E may use some of the family
    static constexpr var_name name_at(std::size_t k) { return F::name_of(k); }
    template <class S>
    constexpr void write(S* out) const {
        for (std::size_t k = 0; k < F::size; ++k) out[k] = S(values[k]);
    }
};

/// The members of the family F read where the caller keeps them, row-major:
/// what at<Vars<"w", 2, 3>>(std::cref(values)) returns. It holds a pointer,
/// not a copy: the values must outlive every use of the binding, and a
/// change to them is seen by the next evaluation.
template <class F, Scalar T>
struct family_view {
    using family = F;
    using scalar = T;
    const T* values = nullptr;

    static constexpr std::size_t count = F::size;
    static constexpr bool strict = false;  // E may use some of the family
    static constexpr var_name name_at(std::size_t k) { return F::name_of(k); }
    template <class S>
    constexpr void write(S* out) const {
        for (std::size_t k = 0; k < F::size; ++k) out[k] = S(values[k]);
    }
};

namespace detail {

template <class T>
inline constexpr bool is_binding = false;
template <class V, class T>
inline constexpr bool is_binding<binding<V, T>> = true;
template <class F, class T>
inline constexpr bool is_binding<family_binding<F, T>> = true;
template <class F, class T>
inline constexpr bool is_binding<family_view<F, T>> = true;

template <class B>
inline constexpr bool is_view = false;

// std::reference_wrapper<C>, what std::cref(values) and std::ref(values) make,
// known by what it is -- convertible to the C& it returns from get() --
// without <functional> (a header of 60 MiB and 0.3 s of compiling, which a
// user who writes std::cref includes anyway).
template <class R>
concept reference_wrapper_like = std::is_class_v<R> && requires(const R& r) {
    typename R::type;
    { r.get() } -> std::same_as<typename R::type&>;
    requires std::is_convertible_v<const R&, typename R::type&>;
};
template <class F, class T>
inline constexpr bool is_view<family_view<F, T>> = true;

// A sorted table of names with their positions, and lookups in it.
template <std::size_t N>
struct sorted_names {
    static constexpr std::size_t size = N;
    std::array<named_position, N> sorted{};
    // The name's position, or N.
    constexpr std::size_t position(const var_name& name) const {
        const std::size_t i = find_name(sorted, name);
        return i < N ? sorted[i].position : N;
    }
    // The index in `sorted` of the first name that occurs twice, or N.
    constexpr std::size_t first_repeated() const {
        for (std::size_t i = 1; i < N; ++i)
            if (compare_names(sorted[i - 1].name, sorted[i].name) == 0) return i;
        return N;
    }
};

/// The names of Vs..., sorted, with their positions in the pack.
template <class... Vs>
struct name_table {
    static constexpr std::size_t size = sizeof...(Vs);
    static constexpr sorted_names<size> table{[] {
        std::array<named_position, size> a{};
        std::size_t i = 0;
        (void)std::initializer_list<int>{(a[i] = named_position{Vs::name, i}, ++i, 0)...};
        return sorted_by_name(a);
    }()};
    static constexpr auto& sorted = table.sorted;
    // The name's position in Vs, or size.
    static constexpr std::size_t position(const var_name& name) { return table.position(name); }
    // True when no name occurs twice.
    static constexpr bool distinct = table.first_repeated() == size;
};

// Writes the names binding B gives values to, with their positions (a free
// function: as a member of binding_names<Bs...> its name would spell every
// binding, O(n) characters for each of n bindings).
template <class B>
constexpr void put_names(named_position* out, std::size_t& at) {
    for (std::size_t k = 0; k < B::count; ++k, ++at) out[at] = named_position{B::name_at(k), at};
}

/// The names the bindings Bs... give values to, each family member on its
/// own, with their positions among the bound values.
template <class... Bs>
struct binding_names {
    static constexpr std::size_t size = [] {
        std::size_t n = 0;
        for (std::size_t c : {std::size_t(0), Bs::count...}) n += c;
        return n;
    }();
    static constexpr sorted_names<size> table{[] {
        std::array<named_position, size> a{};
        std::size_t at = 0;
        (void)std::initializer_list<int>{(put_names<Bs>(a.data(), at), 0)...};
        return sorted_by_name(a);
    }()};
    static constexpr auto& sorted = table.sorted;
    static constexpr std::size_t position(const var_name& name) { return table.position(name); }
    static constexpr std::size_t repeated = table.first_repeated();

    // The names bound one by one (not as a family): each must be a variable
    // of the expression, or it is likely a typo.
    struct strict_names {
        static constexpr std::size_t size = [] {
            std::size_t n = 0;
            for (bool b : {false, Bs::strict...}) n += b ? 1 : 0;
            return n;
        }();
        static constexpr std::array<named_position, size> sorted = [] {
            std::array<named_position, size> a{};
            std::size_t at = 0;
            std::size_t k = 0;
            (void)std::initializer_list<int>{
                (Bs::strict ? (a[at++] = named_position{Bs::name_at(0), k}, 0) : 0, k += Bs::count, 0)...};
            return sorted_by_name(a);
        }();
    };
    static constexpr bool distinct = repeated == size;
};

// ------------------------------------------------- families from data

// What at<Vars<...>>(values) accepts: std::array, C arrays and std::span of
// static extent, nested to any depth (a shape known at compile time); and
// std::span of dynamic extent and std::vector of numbers (a size known at
// run time).
template <class C>
struct container_shape {
    static constexpr bool known = false;  // not a container of numbers
};
template <class T>
    requires Scalar<T>
struct container_shape<T> {
    static constexpr bool known = true, is_static = true;
    static constexpr std::size_t rank = 0, size = 1;
    using scalar = T;
    static constexpr std::array<std::size_t, 0> shape{};
};
template <class E, std::size_t N>
struct static_shape {
    using inner = container_shape<std::remove_cv_t<E>>;
    static constexpr bool known = inner::known && inner::is_static && inner::rank < var_name::max_indices;
    static constexpr bool is_static = true;
    static constexpr std::size_t rank = inner::rank + 1, size = N * inner::size;
    using scalar = typename inner::scalar;
    static constexpr std::array<std::size_t, rank> shape = [] {
        std::array<std::size_t, rank> s{N};
        for (std::size_t d = 0; d < inner::rank; ++d) s[d + 1] = inner::shape[d];
        return s;
    }();
    template <class S, class C>
    static constexpr void write(const C& c, S* out) {
        for (std::size_t i = 0; i < N; ++i) {
            if constexpr (inner::rank == 0) out[i] = S(c[i]);
            else inner::write(c[i], out + i * inner::size);
        }
    }
};
template <class E, std::size_t N>
requires container_shape<std::remove_cv_t<E>>::known struct container_shape<std::array<E, N>> : static_shape<E, N> {
};
template <class E, std::size_t N>
requires container_shape<std::remove_cv_t<E>>::known struct container_shape<E[N]> : static_shape<E, N> {
};
template <class E, std::size_t N>
    requires(N != std::dynamic_extent && container_shape<std::remove_cv_t<E>>::known)
struct container_shape<std::span<E, N>> : static_shape<E, N> {};
template <class E>
    requires Scalar<std::remove_cv_t<E>>
struct dynamic_shape {
    static constexpr bool known = true, is_static = false;
    static constexpr std::size_t rank = 1;
    using scalar = std::remove_cv_t<E>;
};
template <class E>
    requires Scalar<std::remove_cv_t<E>>
struct container_shape<std::span<E, std::dynamic_extent>> : dynamic_shape<E> {
};
template <class E, class A>
    requires Scalar<E>
struct container_shape<std::vector<E, A>> : dynamic_shape<E> {
};

// A container of numbers (what at<Vars<...>>(values) takes).
template <class C>
inline constexpr bool is_number_container = [] {
    if constexpr (container_shape<C>::known) return container_shape<C>::rank > 0;
    else return false;
}();

// Diagnoses a container whose size is not the family's: the compiler shows
// "family_size_mismatch<variable_named<'w'>, 6, 5>" -- the family, its
// size, the container's size.
template <class Name, std::size_t FamilySize, std::size_t ContainerSize>
struct family_size_mismatch {
    static_assert(FamilySize == ContainerSize,
                  "chainrule::at<Vars<name, N...>>(values): the container does not hold one value per member; "
                  "this template's arguments are the family's name, its size and the container's size");
    static constexpr bool value = FamilySize == ContainerSize;
};
template <std::size_t... N>
struct sizes {};
// Diagnoses nested containers whose shape is not the family's:
// "family_shape_mismatch<variable_named<'w'>, sizes<2, 3>, sizes<3, 2>>".
template <class Name, class FamilyShape, class ContainerShape>
struct family_shape_mismatch {
    static_assert(std::is_same<FamilyShape, ContainerShape>::value,
                  "chainrule::at<Vars<name, N...>>(values): the nested containers do not have the family's shape; "
                  "this template's arguments are the family's name, its shape and the containers' shape");
    static constexpr bool value = std::is_same<FamilyShape, ContainerShape>::value;
};
template <std::size_t N, std::size_t M>
constexpr bool same_sizes(const std::array<std::size_t, N>& a, const std::array<std::size_t, M>& b) {
    if constexpr (N != M) return false;
    else {
        for (std::size_t i = 0; i < N; ++i)
            if (a[i] != b[i]) return false;
        return true;
    }
}
template <auto Shape, std::size_t... D>
auto sizes_of(std::index_sequence<D...>) -> sizes<Shape[D]...>;
template <auto Shape>
using sizes_t = decltype(sizes_of<Shape>(std::make_index_sequence<Shape.size()>{}));

// The message of the exception a run-time size mismatch throws.
template <class F>
std::string family_size_message(std::size_t given) {
    std::string family = "Vars<\"" + std::string(text_of(F::base).c_str()) + "\"";
    for (std::size_t s : F::shape) family += ", " + std::to_string(s);
    return "chainrule::at<" + family + ">>(values): the family has " + std::to_string(F::size) +
           " members, but the container holds " + std::to_string(given) + " values";
}

// ------------------------------------------------------------ environments

/// One number for an expression of at most one variable.
template <class T>
struct single_value {
    using scalar = T;
    T x;
    static constexpr std::size_t location(const var_name&) { return 0; }
    constexpr std::array<const T*, 1> bases() const { return {&x}; }
};

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
struct common_scalar : common_scalar_of<all_of({std::is_same<First, Ts>::value...}), First, Ts...> {};

// Whether a binding is of one variable (at<X>(1.0)), whose value the point
// reads as a member, with no function per binding.
template <class B>
inline constexpr bool is_single_binding = false;
template <class V, class T>
inline constexpr bool is_single_binding<binding<V, T>> = true;

// Every family bound by reference is of the bindings' common scalar type.
template <class... Bs>
inline constexpr bool views_of_scalar =
    all_of({!is_view<Bs> ||
            std::is_same<typename Bs::scalar, typename common_scalar<typename Bs::scalar...>::type>::value...});
// The report of a call whose bindings fail views_of_scalar (eval_diagnosis).
template <bool Match>
struct view_scalar_mismatch {
    static_assert(Match,
                  "chainrule::at<Vars<name, N...>>(std::cref(values)): a family bound by reference is read "
                  "where it is, so its numbers must be of the point's scalar type; bind a copy instead, "
                  "at<Vars<name, N...>>(values), which converts them");
    static constexpr bool value = Match;
};

/// Values for variables by name: the bound part of a point. Bindings by
/// value are copied into `values`, family members laid out one by one; a
/// family bound by reference (family_view) stays where the caller keeps it.
/// Evaluation reads a variable through its location (names.hpp): which of
/// bases() holds it, values (0) or the i-th view (i + 1), and where in it.
template <class... Bs>
struct bindings {
    using scalar = typename common_scalar<typename Bs::scalar...>::type;
    using names = binding_names<Bs...>;
    static constexpr std::size_t view_count = [] {
        std::size_t n = 0;
        for (bool v : {false, is_view<Bs>...}) n += v ? 1 : 0;
        return n;
    }();
    static constexpr std::size_t stored = names::size - [] {
        std::size_t n = 0;
        for (std::size_t c : {std::size_t(0), (is_view<Bs> ? Bs::count : 0)...}) n += c;
        return n;
    }();
    static_assert(views_of_scalar<Bs...>,  // (the message of view_scalar_mismatch)
                  "chainrule::at<Vars<name, N...>>(std::cref(values)): a family bound by reference is read "
                  "where it is, so its numbers must be of the point's scalar type; bind a copy instead, "
                  "at<Vars<name, N...>>(values), which converts them");

    std::array<scalar, stored> values;
    std::array<const scalar*, view_count> views;

    constexpr bindings(const Bs&... bs) : values(gather(bs...)), views(gather_views(bs...)) {}

    template <class B>
    static constexpr void store(const B& b, scalar* out, std::size_t& at) {
        if constexpr (!is_view<B>) {
            b.write(out + at);
            at += B::count;
        }
    }
    static constexpr std::array<scalar, stored> gather(const Bs&... bs) {
        if constexpr (all_of({is_single_binding<Bs>...})) {
            return std::array<scalar, stored>{scalar(bs.value)...};
        } else {
            std::array<scalar, stored> v{};
            std::size_t at = 0;
            (void)std::initializer_list<int>{(store(bs, v.data(), at), 0)...};
            return v;
        }
    }
    template <class B>
    static constexpr void store_view(const B& b, const scalar** out, std::size_t& at) {
        if constexpr (is_view<B>) {
            if constexpr (std::is_same<typename B::scalar, scalar>::value) out[at] = b.values;  // (else reported above)
            ++at;
        }
    }
    static constexpr std::array<const scalar*, view_count> gather_views(const Bs&... bs) {
        std::array<const scalar*, view_count> p{};
        if constexpr (view_count > 0) {
            std::size_t at = 0;
            (void)std::initializer_list<int>{(store_view(bs, p.data(), at), 0)...};
        }
        return p;
    }

    // The location of each bound value, in the order of the bindings
    // (names::position): with no view, location k is position k.
    static constexpr std::array<std::size_t, names::size> locations = [] {
        std::array<std::size_t, names::size> out{};
        std::size_t at = 0, kept = 0, view = 0;
        const bool views_of[] = {false, is_view<Bs>...};
        const std::size_t counts[] = {std::size_t(0), Bs::count...};
        for (std::size_t b = 1; b <= sizeof...(Bs); ++b) {
            if (views_of[b]) ++view;
            for (std::size_t k = 0; k < counts[b]; ++k, ++at)
                out[at] = views_of[b] ? value_location(view, k) : value_location(0, kept++);
        }
        return out;
    }();

    static constexpr std::size_t location(const var_name& name) {
        const std::size_t p = names::position(name);
        if constexpr (view_count == 0) return p;
        else return p < names::size ? locations[p] : p;
    }
    constexpr std::array<const scalar*, 1 + view_count> bases() const {
        std::array<const scalar*, 1 + view_count> b{values.data()};
        for (std::size_t i = 0; i < view_count; ++i) b[i + 1] = views[i];
        return b;
    }
};

// ------------------------------------------------------------ the checks

// The name of a variable as a list of characters, for diagnostics: Clang
// prints Var<"w1"> as Var<{{119, 49, 0, ...}}>, but both compilers print
// variable_named<'w', '1'> legibly (and w[1][2] as 'w', '[', '1', ']', ...).
template <char... Name>
struct variable_named {};
template <var_name Name>
struct spelled {
    static constexpr name_text text = text_of(Name);
    template <std::size_t... I>
    static auto spell(std::index_sequence<I...>) -> variable_named<text.chars[I]...>;
    using type = decltype(spell(std::make_index_sequence<text.size>{}));
};
template <var_name Name>
using spelled_name = typename spelled<Name>::type;
template <class V>
using spelled_name_of = spelled_name<V::name>;

// Diagnoses a call of eval<E>(bindings...) that leaves a variable of E unbound.
// The compiler shows this template with the variable's name first, e.g.
// "variable_has_no_value<chainrule::detail::variable_named<'y'>, ...>".
template <class Name, bool Bound>
struct variable_has_no_value {
    static constexpr bool bound = Bound;
    static_assert(bound,
                  "chainrule::eval<E>(at<V>(value)...): a variable of E has no value; "
                  "the first argument of this template, variable_named<...>, spells its name");
    static constexpr bool value = bound;
};

// Diagnoses a binding of a variable that E does not have, showing its name
// the same way: "variable_not_in_expression<...variable_named<'w', '1'>, ...>".
template <class Name, bool Known>
struct variable_not_in_expression {
    static constexpr bool known = Known;
    static_assert(known,
                  "chainrule::eval<E>(at<V>(value)...): E has no variable V; "
                  "the first argument of this template, variable_named<...>, spells its name");
    static constexpr bool value = known;
};

// Diagnoses a variable given two values: "variable_bound_twice<variable_named<'x'>>".
template <class Name>
struct variable_bound_twice {
    static_assert(sizeof(Name) == 0,
                  "chainrule: a variable is bound twice; the argument of this template, "
                  "variable_named<...>, spells its name");
    static constexpr bool value = false;
};

// Every name of A's table is in B's.
template <class A, class B>
consteval bool names_within() {
    for (const named_position& n : A::sorted)
        if (B::position(n.name) >= B::size) return false;
    return true;
}

// The diagnostic of bindings Bound that name a variable twice (instantiate
// it only then).
template <class Bound>
using bound_twice_diagnostic = variable_bound_twice<spelled_name<Bound::sorted[Bound::repeated].name>>;

template <class Bound>
constexpr bool diagnose_repeated() {
    if constexpr (!Bound::distinct) return bound_twice_diagnostic<Bound>::value;
    else return true;
}

/// The checks of a call's bindings against the variables Wanted (a class
/// with size, names in the order met, sorted and position(name): see
/// graph_variable_names) that the expression needs.
template <class Wanted, class... Bs>
struct check_bindings {
    using wanted = Wanted;
    using bound = binding_names<Bs...>;
    static constexpr bool distinct = bound::distinct;
    static constexpr bool all_bound = names_within<wanted, bound>();
    static constexpr bool none_extra = names_within<typename bound::strict_names, wanted>();
    static constexpr bool value = distinct && all_bound && none_extra;

    // The first variable wanted and not bound, and the first bound and not
    // wanted (the sizes when there is none).
    static constexpr std::size_t first_missing = [] {
        std::size_t k = 0;
        while (k < wanted::size && bound::position(wanted::names[k].name) < bound::size) ++k;
        return k;
    }();
    static constexpr std::size_t first_extra = [] {
        std::size_t k = 0;
        while (k < bound::strict_names::size && wanted::position(bound::strict_names::sorted[k].name) < wanted::size)
            ++k;
        return k;
    }();

    // What is wrong, first: a variable bound twice (1), one unbound (2), one
    // bound that is not wanted (3); 0 when nothing is.
    static constexpr int diagnosis = !distinct ? 1 : !all_bound ? 2 : first_extra < bound::strict_names::size ? 3 : 0;
};

// The template whose static_assert reports a failed check (variable_bound_twice,
// variable_has_no_value or variable_not_in_expression, spelling the name),
// chosen without being instantiated. The function that checks writes
// `(void)binding_diagnostic<check>::value;`, which instantiates it right
// there: the message then shows that function and its callers, and no frame
// of a helper that would print the check's long types once more (a member
// of check_bindings did: 0.9 KB of the message of a gradient with a missing
// binding).
template <class Check, int Case>
struct pick_binding_diagnostic {
    using type = std::true_type;
};
template <class Check>
struct pick_binding_diagnostic<Check, 1> {
    using type = bound_twice_diagnostic<typename Check::bound>;
};
template <class Check>
struct pick_binding_diagnostic<Check, 2> {
    using type = variable_has_no_value<spelled_name<Check::wanted::names[Check::first_missing].name>, false>;
};
template <class Check>
struct pick_binding_diagnostic<Check, 3> {
    using type =
        variable_not_in_expression<spelled_name<Check::bound::strict_names::sorted[Check::first_extra].name>, false>;
};
template <class Check>
using binding_diagnostic = typename pick_binding_diagnostic<Check, Check::diagnosis>::type;
// A point may bind more than is wanted: only a missing variable is an error.
template <class Check>
using missing_binding_diagnostic = typename pick_binding_diagnostic<Check, Check::all_bound ? 0 : 2>::type;

}  // namespace detail
}  // namespace chainrule
