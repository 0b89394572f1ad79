#pragma once

#include "chainrule/detail/bindings.hpp"
#include "chainrule/detail/evaluator.hpp"
#include "chainrule/detail/type_list.hpp"
#include "chainrule/expression.hpp"
#include "chainrule/variables.hpp"

#include <type_traits>

// eval<E>(x): the value of E at a point, in constant expressions and at run time.
//
// This header is the public face: eval, at, point. Evaluation walks the
// distinct subexpressions of E once each, children first (detail/graph.hpp,
// detail/evaluator.hpp), so a subexpression that occurs many times, such as
// the s(x) of D<Sigmoid<X>> = s(x) (1 - s(x)), is computed once per call.
// At run time the optimiser sees straight-line code over local values, the
// same code one would write by hand; during constant evaluation the library's
// own constexpr math runs instead of <cmath> (math.hpp). Variables are found
// by name (detail/bindings.hpp).
namespace chainrule {

/// Binds the variable V to a value: eval<Mul<X, Y>>(at<X>(2.0), at<Y>(3.0)) is 6.
template <class V, class T>
    requires(!detail::is_family<V>)
constexpr binding<V, T> at(T value) {
    static_assert(Variable<V>,
                  "chainrule::at<V>(value): V must be a variable such as X or Var<'w'>, or a family "
                  "such as Vars<\"w\", 3>");
    static_assert(Scalar<T>,
                  "chainrule::at<V>(value): value must be floating-point (float, double, long double) or a "
                  "user scalar type whose division does not truncate; write 2.0, not 2");
    return {value};
}

/// Binds every member of the family F from one container, row-major:
///
///   std::array<double, 6> w = ...;            // or double[2][3], double[6],
///   at<Vars<"w", 2, 3>>(w)                    // nested std::arrays, std::span,
///                                             // std::vector
///
/// A container whose size (or, nested, whose shape) is known at compile time
/// must match the family's, or the call does not compile; a std::vector or a
/// std::span of dynamic extent is checked when the call runs and throws
/// std::invalid_argument naming the family and both sizes.
template <class F, class C>
    requires(detail::is_family<F> && !detail::reference_wrapper_like<C>)
constexpr auto at(const C& values) {
    using shape = detail::container_shape<C>;
    if constexpr (!shape::known || shape::rank == 0) {
        static_assert(shape::known && shape::rank > 0,
                      "chainrule::at<Vars<name, N...>>(values): values must be a std::array, a C array, nested "
                      "std::arrays, a std::span or a std::vector of numbers, one per member of the family");
        return family_binding<F, double>{};
    } else {
        using T = typename shape::scalar;
        family_binding<F, T> b{};
        if constexpr (!shape::is_static) {
            if (values.size() != F::size) throw std::invalid_argument(detail::family_size_message<F>(values.size()));
            for (std::size_t k = 0; k < F::size; ++k) b.values[k] = values[k];
        } else if constexpr (shape::rank > 1 && !detail::same_sizes(shape::shape, F::shape)) {
            static_assert(detail::family_shape_mismatch<detail::spelled_name<F::base>, detail::sizes_t<F::shape>,
                                                        detail::sizes_t<shape::shape>>::value);
        } else if constexpr (shape::size != F::size) {
            static_assert(detail::family_size_mismatch<detail::spelled_name<F::base>, F::size, shape::size>::value);
        } else {
            shape::write(values, b.values.data());
        }
        return b;
    }
}

/// Binds every member of the family F to numbers the caller keeps, without
/// copying them: evaluation reads them where they are.
///
///   std::array<double, 6> w = ...;            // or double[6], std::span,
///   at<Vars<"w", 2, 3>>(std::cref(w))         // std::vector; row-major
///
/// values is one row of numbers of the point's scalar type (a C array, a
/// std::array, a std::span or a std::vector); it must outlive every use of
/// the binding and of a point made from it, and a change to it is seen by
/// the next evaluation. Sizes are checked as for at<F>(values).
template <class F, class R>
    requires(detail::is_family<F>&& detail::reference_wrapper_like<R>)
constexpr auto at(R values) {
    using C = std::remove_reference_t<decltype(values.get())>;
    using shape = detail::container_shape<std::remove_cv_t<C>>;
    if constexpr (!shape::known || shape::rank != 1) {
        static_assert(shape::known && shape::rank == 1,
                      "chainrule::at<Vars<name, N...>>(std::cref(values)): values must be one row of numbers, "
                      "one per member of the family: a C array, a std::array, a std::span or a std::vector "
                      "(nested containers are bound by copy, at<Vars<name, N...>>(values))");
        return family_view<F, double>{};
    } else {
        using T = typename shape::scalar;
        const C& c = values.get();
        if constexpr (!shape::is_static) {
            if (c.size() != F::size) throw std::invalid_argument(detail::family_size_message<F>(c.size()));
        } else if constexpr (shape::size != F::size) {
            static_assert(detail::family_size_mismatch<detail::spelled_name<F::base>, F::size, shape::size>::value);
        }
        if constexpr (std::is_array_v<C>) return family_view<F, T>{&c[0]};
        else return family_view<F, T>{c.data()};
    }
}

/// Values for several variables at once, a point of the whole space:
///
///   constexpr auto p = point(at<X>(1.0), at<Y>(2.0));
///   eval<D<Mul<X, Y>, Y>>(p)            // 1.0: the partial has no y, and need not
///
/// Bound one by one, eval<E>(at<X>(..), ...) rejects a value for a variable E
/// does not have (a likely typo); evaluated at a point, E takes the values of
/// its own variables and leaves the rest, which is what evaluating several
/// partial derivatives at one point needs. A variable of E that the point
/// lacks is still an error.
template <class... Bs>
struct point_t {
    detail::bindings<Bs...> bound;
};

namespace detail {
template <class T>
inline constexpr bool is_point = false;
template <class... Bs>
inline constexpr bool is_point<point_t<Bs...>> = true;

// Values that are not one number (Gradient, Jacobian, Hessian in
// gradient.hpp) specialise this to true; eval<G>(...) forwards to
// G::evaluate(...), which returns a std::array. A trait rather than a base
// class, so that asking does not instantiate G: a misused G then reports its
// own error, and only that.
template <class E>
inline constexpr bool multi_valued = false;

// The variables of E read from the graph its evaluation in Env builds, so
// checking the arguments does not build a second graph of E.
template <class E, class Env>
using evaluated_variables = graph_variable_names<typename evaluator_for<Env, E>::graph_type>;

// eval<E>(point(...)): every variable of E must have a value; the point may
// hold more.
template <class E, class... Bs>
constexpr auto evaluate_at_point(const point_t<Bs...>& p) {
    using check = check_bindings<evaluated_variables<E, bindings<Bs...>>, Bs...>;
    if constexpr (!check::all_bound) {
        (void)missing_binding_diagnostic<check>::value;
        return typename bindings<Bs...>::scalar{};
    } else {
        // (The sweep is called here and in eval, not through a helper: a
        // message from inside it, a domain error during constant evaluation,
        // lists every frame above it, and a helper's would spell E once more.)
        using sweep = evaluator_for<bindings<Bs...>, E>;
        if (std::is_constant_evaluated()) return sweep::root(sweep::forward(p.bound));
        return sweep::value(p.bound);
    }
}

}  // namespace detail

/// The point with the values of the bindings: point(at<X>(1.0), at<Y>(2.0)).
template <class... Bs>
constexpr point_t<Bs...> point(const Bs&... bindings) {
    static_assert(detail::all_of({detail::is_binding<Bs>...}),
                  "chainrule::point(at<V>(value)...): every argument must be a binding such as at<X>(1.0)");
    if constexpr (detail::all_of({detail::is_binding<Bs>...})) {
        static_assert(detail::diagnose_repeated<detail::binding_names<Bs...>>(),
                      "chainrule::point(at<V>(value)...): a variable is bound twice");
    }
    return {{bindings...}};
}

/// The value of E at a point.
///
///   eval<E>(x)                          E has at most one variable
///   eval<E>(at<X>(1.0), at<Y>(2.0))     each variable bound by name, any order
///
/// x is a float, double, long double, or a user Scalar. Usable in constant
/// expressions: static_assert(eval<D<Sigmoid<X>>>(0.0) == 0.25);
/// At run time the functions follow <cmath> (log(-1) is NaN, 1/0 is inf);
/// during constant evaluation a domain error such as the log of a negative
/// number is a compile error naming the function.
template <class E, class... Args>
constexpr auto eval(const Args&... args) {
    if constexpr (!std::is_same<E, std::remove_cv_t<E>>::value) {
        return eval<std::remove_cv_t<E>>(args...);  // decltype of a constexpr auto is const
    } else if constexpr (detail::multi_valued<E>) {
        return E::evaluate(args...);  // Gradient, Jacobian, Hessian (gradient.hpp)
    } else if constexpr (!Expression<E>) {
        static_assert(Expression<E>, "chainrule::eval<E>(x): E must be a chainrule expression, such as Sigmoid<X>");
        return 0.0;
    } else if constexpr (sizeof...(Args) == 0) {
        static_assert(sizeof...(Args) != 0, "chainrule::eval<E>(x): give the point, as in eval<E>(0.5)");
        return 0.0;
    } else if constexpr (sizeof...(Args) == 1 && detail::all_of({detail::is_point<Args>...})) {
        return detail::evaluate_at_point<E>(args...);
    } else if constexpr (detail::all_of({detail::is_binding<Args>...})) {
        using check = detail::check_bindings<detail::evaluated_variables<E, detail::bindings<Args...>>, Args...>;
        if constexpr (!check::value) {
            (void)detail::binding_diagnostic<check>::value;
            return 0.0;
        } else {
            using sweep = detail::evaluator_for<detail::bindings<Args...>, E>;
            if (std::is_constant_evaluated()) return sweep::root(sweep::forward(detail::bindings<Args...>{args...}));
            return sweep::value(detail::bindings<Args...>{args...});
        }
    } else if constexpr (detail::any_of({detail::is_point<Args>...})) {
        static_assert(!detail::any_of({detail::is_point<Args>...}),
                      "chainrule::eval<E>(p): a point must be the only argument; put every binding in it: "
                      "eval<E>(point(at<X>(1.0), at<Y>(2.0)))");
        return 0.0;
    } else if constexpr (detail::any_of({detail::is_number_container<Args>...})) {
        static_assert(!detail::any_of({detail::is_number_container<Args>...}),
                      "chainrule::eval<E>(values): a container of numbers binds a family of variables, by name: "
                      "eval<E>(at<Vars<\"w\", 3>>(values))");
        return 0.0;
    } else if constexpr (sizeof...(Args) != 1 || detail::any_of({detail::is_binding<Args>...})) {
        static_assert(sizeof...(Args) == 1 && !detail::any_of({detail::is_binding<Args>...}),
                      "chainrule::eval<E>(x): give either one number x, or a value for every variable "
                      "by name: eval<E>(at<X>(1.0), at<Y>(2.0))");
        return 0.0;
    } else if constexpr (!detail::all_of({Scalar<Args>...})) {
        static_assert(detail::all_of({Scalar<Args>...}),
                      "chainrule::eval<E>(x): x must be floating-point (float, double, long double) or a user "
                      "scalar type whose division does not truncate; write 2.0, not 2");
        return 0.0;
    } else if constexpr (detail::evaluated_variables<E, detail::single_value<Args...>>::count > 1) {
        static_assert(detail::evaluated_variables<E, detail::single_value<Args...>>::count <= 1,
                      "chainrule::eval<E>(x): E has more than one variable; give each a value by name: "
                      "eval<E>(at<X>(1.0), at<Y>(2.0))");
        return 0.0;
    } else {
        using sweep = detail::evaluator_for<detail::single_value<Args...>, E>;
        if (std::is_constant_evaluated()) return sweep::root(sweep::forward(detail::single_value<Args...>{args...}));
        return sweep::value(detail::single_value<Args...>{args...});
    }
}

}  // namespace chainrule
