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

// The environment of a valid call of eval<E>(args...): a point's bindings
// (read in place, not copied), the bindings, or the one value.
template <class... Bs>
constexpr const bindings<Bs...>& environment_of(const point_t<Bs...>& p) {
    return p.bound;
}
template <class... Args>
    requires(all_of({is_binding<Args>...}))
constexpr bindings<Args...> environment_of(const Args&... args) { return bindings<Args...>{args...}; }
template <class A>
    requires(!is_binding<A> && !is_point<A>)
constexpr single_value<A> environment_of(const A& a) { return single_value<A>{a}; }

// ------------------------------------------------- the checks of a call

// What can be wrong with the arguments of eval<E>(args...), besides the
// bindings (check_bindings). Each case is a message of eval_message.
enum class eval_misuse {
    not_an_expression,
    no_point,
    point_not_alone,
    container,
    not_one_number,
    not_scalar,
    many_variables
};

// The message of a misuse M: instantiating eval_message<M> fails the one
// static_assert whose case is M.
template <eval_misuse M>
struct eval_message {
    static_assert(M != eval_misuse::not_an_expression,
                  "chainrule::eval<E>(x): E must be a chainrule expression, such as Sigmoid<X>");
    static_assert(M != eval_misuse::no_point, "chainrule::eval<E>(x): give the point, as in eval<E>(0.5)");
    static_assert(M != eval_misuse::point_not_alone,
                  "chainrule::eval<E>(p): a point must be the only argument; put every binding in it: "
                  "eval<E>(point(at<X>(1.0), at<Y>(2.0)))");
    static_assert(M != eval_misuse::container,
                  "chainrule::eval<E>(values): a container of numbers binds a family of variables, by name: "
                  "eval<E>(at<Vars<\"w\", 3>>(values))");
    static_assert(M != eval_misuse::not_one_number,
                  "chainrule::eval<E>(x): give either one number x, or a value for every variable "
                  "by name: eval<E>(at<X>(1.0), at<Y>(2.0))");
    static_assert(M != eval_misuse::not_scalar,
                  "chainrule::eval<E>(x): x must be floating-point (float, double, long double) or a user "
                  "scalar type whose division does not truncate; write 2.0, not 2");
    static_assert(M != eval_misuse::many_variables,
                  "chainrule::eval<E>(x): E has more than one variable; give each a value by name: "
                  "eval<E>(at<X>(1.0), at<Y>(2.0))");
    static constexpr bool value = false;
};

template <class E, class... Bs>
constexpr auto point_diagnosis(const point_t<Bs...>*) {
    using check = check_bindings<evaluated_variables<E, bindings<Bs...>>, Bs...>;
    if constexpr (!check::all_bound) return std::type_identity<missing_binding_diagnostic<check>>{};
    else return std::type_identity<void>{};
}

// Whether the request R checks the arguments Args itself (diagnosis). A
// trait, not a requires-expression: Clang 14 keeps the text of a failed
// requirement, which spells R and so its expression as a tree.
template <class R, class Args, class = void>
struct has_diagnosis : std::false_type {};
template <class R, class... Args>
struct has_diagnosis<R, type_list<Args...>, std::void_t<decltype(R::template diagnosis<Args...>())>> : std::true_type {
};

// The diagnostic of eval<E>(args...) (a class whose instantiation reports
// what is wrong), or void when the call is valid. Decided from the types
// alone, without instantiating anything that reports.
template <class E, class... Args>
constexpr auto eval_diagnosis() {
    using misuse = eval_misuse;
    if constexpr (multi_valued<E>) {
        // Gradient, Jacobian, Hessian, ... (gradient.hpp) check their own
        // arguments; a class that only reports its misuse does not.
        if constexpr (has_diagnosis<E, type_list<Args...>>::value) return E::template diagnosis<Args...>();
        else return std::type_identity<void>{};
    } else if constexpr (!Expression<E>) {
        return std::type_identity<eval_message<misuse::not_an_expression>>{};
    } else if constexpr (sizeof...(Args) == 0) {
        return std::type_identity<eval_message<misuse::no_point>>{};
    } else if constexpr (sizeof...(Args) == 1 && all_of({is_point<Args>...})) {
        return point_diagnosis<E>(static_cast<const Args*>(nullptr)...);
    } else if constexpr (all_of({is_binding<Args>...})) {
        if constexpr (!views_of_scalar<Args...>) {
            return std::type_identity<view_scalar_mismatch<false>>{};
        } else {
            using check = check_bindings<evaluated_variables<E, bindings<Args...>>, Args...>;
            if constexpr (!check::value) return std::type_identity<binding_diagnostic<check>>{};
            else return std::type_identity<void>{};
        }
    } else if constexpr (any_of({is_point<Args>...})) {
        return std::type_identity<eval_message<misuse::point_not_alone>>{};
    } else if constexpr (any_of({is_number_container<Args>...})) {
        return std::type_identity<eval_message<misuse::container>>{};
    } else if constexpr (sizeof...(Args) != 1 || any_of({is_binding<Args>...})) {
        return std::type_identity<eval_message<misuse::not_one_number>>{};
    } else if constexpr (!all_of({Scalar<Args>...})) {
        return std::type_identity<eval_message<misuse::not_scalar>>{};
    } else if constexpr (evaluated_variables<E, single_value<Args...>>::count > 1) {
        return std::type_identity<eval_message<misuse::many_variables>>{};
    } else {
        return std::type_identity<void>{};
    }
}

// A call eval<E>(args...), or e(args...) on an expression object: whether
// it is valid, and if not, the value it returns instead (misuse_report).
template <class E, class... Args>
struct eval_call {
    using diagnostic = typename decltype(eval_diagnosis<E, Args...>())::type;
    static constexpr bool ok = std::is_void<diagnostic>::value;
    using report = misuse_report<diagnostic>;
};

// Gradient, Jacobian, Hessian, ValueAndGradient and TaylorPartial are
// callable_requests (gradient.hpp), which eval<G>(...) makes itself (see
// eval_fn) with these.
template <class Self>
struct callable_request;
template <class... Args>
struct scalar_of_arguments;
template <class T, bool Quiet = std::floating_point<T>>
struct request_report;
template <bool WellFormed, class Wanted, class Empty, class Run, class Report, class... Args>
constexpr auto evaluate_request(Report report, const Args&... args);

// Whether the request R formed (Clang gives a class whose instantiation
// failed no members); asked only of requests.
template <class R, class = void>
struct request_formed : std::false_type {};
template <class R>
struct request_formed<R, std::void_t<decltype(R::well_formed)>> : std::true_type {};

/// The function object eval<E> (below).
///
/// A misused call is not reported from inside a function of E: both
/// compilers print the frames of a report, and a frame of a function whose
/// class or template has E as an argument spells E out, as a tree (a
/// shared subexpression written at each use): 6.6 MB from g++ and 17 MB
/// from clang++ for one number given to the logistic map of depth 16 with
/// a variable rate. So a misuse selects the second operator(), whose body
/// does nothing, and whose return type, misuse_report<diagnostic>, reports
/// when the caller's own expression completes it, in the caller's frame.
template <class E>
struct eval_fn {
    // Whether E is a request (Gradient, ...): asking completes E here, when
    // eval<E> is named, so that a request misused in its own spelling
    // (Gradient<E, X, X>) reports from the caller's line, and only that.
    using request = std::bool_constant<std::is_base_of<callable_request<E>, E>::value>;
    //
    // During constant evaluation a call that fails in the sweep (a domain
    // error) is made again here, from this frame, not from inside the sweep
    // (for a request, when its report leaves this frame): g++ prints every
    // frame of a failed constant evaluation as the call it makes, and the
    // sweep's, or the request's own evaluate, would spell E once more.
    template <class... Args>
        requires(eval_call<E, Args...>::ok)
    constexpr auto operator()(const Args&... args) const {
        // (A requires-expression is never checked on an expression: Clang
        // spells the type, as a tree, in the note of each one that fails;
        // 70 s for D of the logistic map of depth 16.)
        if constexpr (request::value && request_formed<E>::value) {
            request_report<typename scalar_of_arguments<Args...>::type> report;
            return evaluate_request<E::well_formed, typename E::request_names, typename E::empty_value,
                                    typename E::sweep>(report.slot(), args...);
        } else if constexpr (multi_valued<E>) {
            // a class that only reports its misuse (gradient.hpp), or a
            // request whose class failed to form (Clang then sees no member)
            if constexpr (requires { E::evaluate(args...); }) return E::evaluate(args...);
            else return 0.0;
        } else {
            const auto& env = environment_of(args...);
            using Env = std::remove_cvref_t<decltype(env)>;
            using sweep = evaluator_for<Env, E>;
            if (std::is_constant_evaluated()) {
                if constexpr (std::floating_point<typename Env::scalar>) {
                    failed_call<typename Env::scalar> failed{};
                    const typename sweep::values v = sweep::forward(env, &failed);
                    failed.raise();
                    return sweep::root(v);
                } else {
                    return sweep::root(sweep::forward(env));
                }
            }
            return sweep::value(env);
        }
    }
    template <class... Args>
        requires(!eval_call<E, Args...>::ok)
    CHAINRULE_DETAIL_MISUSE_CONSTEXPR typename eval_call<E, Args...>::report operator()(const Args&...) const {
        return {};
    }
};

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
///   eval<E>(point(at<X>(1.0), ...))     a point, which may bind more
///
/// x is a float, double, long double, or a user Scalar. Usable in constant
/// expressions: static_assert(eval<D<Sigmoid<X>>>(0.0) == 0.25);
/// At run time the functions follow <cmath> (log(-1) is NaN, 1/0 is inf);
/// during constant evaluation a domain error such as the log of a negative
/// number is a compile error naming the function.
///
/// eval<E> is a function object (detail::eval_fn), so that a misused call
/// is reported in a few lines that name the misuse, never E: see eval_fn.
/// E may be const (decltype of a constexpr auto).
template <class E>
inline constexpr detail::eval_fn<std::remove_cv_t<E>> eval{};

}  // namespace chainrule
