#pragma once

#include "chainrule/derivative.hpp"
#include "chainrule/detail/bindings.hpp"
#include "chainrule/detail/evaluator.hpp"
#include "chainrule/detail/graph.hpp"
#include "chainrule/detail/reverse.hpp"
#include "chainrule/detail/type_list.hpp"
#include "chainrule/eval.hpp"
#include "chainrule/expression.hpp"
#include "chainrule/families.hpp"
#include "chainrule/variables.hpp"

#include <array>
#include <cstddef>
#include <initializer_list>
#include <type_traits>
#include <utility>

// Many variables: mixed partials, gradients, Jacobians and Hessians.
//
//   Partial<E, X, Y>                   d/dy d/dx E, a type (D<D<E, X>, Y>)
//   Gradient<E, X, Y>                  (dE/dx, dE/dy)
//   Jacobian<Functions<F, G>, X, Y>    ((dF/dx, dF/dy), (dG/dx, dG/dy))
//   Hessian<E, X, Y>                   ((E_xx, E_xy), (E_yx, E_yy))
//
// Gradient, Jacobian and Hessian are types that name a value; evaluating one
// returns std::array (of std::array), in constant expressions too:
//
//   using F = Mul<X, Sin<Y>>;
//   constexpr auto g = eval<Gradient<F, X, Y>>(at<X>(2.0), at<Y>(0.0));   // {0, 2}
//   constexpr auto h = Hessian<F, X, Y>{}(at<X>(2.0), at<Y>(0.0));
//
// Gradients and Jacobians run reverse mode (detail/reverse.hpp): one forward
// sweep over the distinct subexpressions, then adjoints flow back through the
// same graph, so a gradient by any number of variables costs a small constant
// times one evaluation of E -- backpropagation. The Hessian evaluates the
// symbolic second partials of its upper triangle in one shared sweep (every
// distinct subexpression of all of them once) and mirrors them.
namespace chainrule {

namespace detail {

template <class E, class... Vs>
struct partial_impl {
    using type = E;
};
template <class E, class V, class... Vs>
struct partial_impl<E, V, Vs...> {
    static auto pick() {
        if constexpr (!Expression<E>) {
            static_assert(Expression<E>,
                          "chainrule::Partial<E, Vs...>: E must be a chainrule expression, such as Mul<X, Y>");
            return std::type_identity<Int<0>>{};
        } else if constexpr (!Variable<V>) {
            static_assert(Variable<V>,
                          "chainrule::Partial<E, Vs...>: each of Vs must be a variable such as X or Var<'w'>");
            return std::type_identity<Int<0>>{};
        } else {
            return std::type_identity<typename partial_impl<derivative_t<E, V>, Vs...>::type>{};
        }
    }
    using type = typename decltype(pick())::type;
};

// The variables a Gradient, Jacobian or Hessian is a function of, as names:
// those of its expressions (Own, a graph_variable_names), then the requested
// ones they lack (the partial by a variable E lacks is 0, but the variable
// still takes a value).
template <class Own, class Vs>
struct request_names;
template <class Own, class... Vs>
struct request_names<Own, type_list<Vs...>> {
    static constexpr std::array<named_position, sizeof...(Vs)> requested = {named_position{Vs::name, 0}...};
    static constexpr std::size_t extra_count = [] {
        std::size_t n = 0;
        for (const named_position& v : requested) n += Own::position(v.name) < Own::size ? 0 : 1;
        return n;
    }();
    static constexpr std::size_t size = Own::size + extra_count;
    static constexpr std::array<named_position, size> names = [] {
        std::array<named_position, size> out{};
        std::size_t n = 0;
        for (const named_position& v : Own::names) out[n] = {v.name, n}, ++n;
        for (const named_position& v : requested)
            if (Own::position(v.name) >= Own::size) out[n] = {v.name, n}, ++n;
        return out;
    }();
    static constexpr sorted_names<size> table{sorted_by_name(names)};
    static constexpr auto& sorted = table.sorted;
    static constexpr std::size_t position(const var_name& name) { return table.position(name); }
};

// The same, for the roots Es, from a graph built for nothing else.
template <class Es, class Vs>
struct request_variable_names;
template <class... Es, class Vs>
struct request_variable_names<type_list<Es...>, Vs>
    : request_names<graph_variable_names<graph<graph_builder<>, type_list<>, Es...>>, Vs> {};

// The variables of Gradient<...>::variables and its siblings: a class
// derived from the type_list, so that it is made only where it is used.
template <class Es, class Vs>
using variables_of_request = names_as_types<request_variable_names<Es, Vs>>;

// What reverse mode checks a call's bindings against: the variables of the
// graph it builds anyway for the roots Es in the scalar T (no second graph).
template <class Es, class Vs>
struct reverse_request_names {
    template <class T>
    using in = request_names<graph_variable_names<typename reverse_graph<T, Es, Vs>::type>, Vs>;
};
// The same interface over request_variable_names, for Hessian.
template <class Es, class Vs>
struct plain_request_names {
    template <class T>
    using in = request_variable_names<Es, Vs>;
};

// The scalar type of the arguments of eval<G>(...), before they are checked
// (double where they are not valid; the check then says why).
template <class... Args>
struct scalar_of_arguments {
    using type = double;
};
template <class... Bs>
struct scalar_of_arguments<point_t<Bs...>> {
    using type = typename bindings<Bs...>::scalar;
};
template <class... Args>
    requires(sizeof...(Args) > 0 && all_of({is_binding<Args>...}))
struct scalar_of_arguments<Args...> {
    using type = typename common_scalar<typename Args::scalar...>::type;
};
template <class A>
    requires Scalar<A>
struct scalar_of_arguments<A> {
    using type = A;
};

// What a list of variables (Gradient<E, Vs...>, ...) asks for: Vs with
// every family flattened row-major, and whether the list is well formed.
template <class... Vs>
struct variable_request {
    static constexpr bool all_variables = all_of({is_variable_or_family<Vs>...});
    using list = typename select<all_variables>::template f<flatten_variables<Vs...>, type_list<>>;
    template <class... Ws>
    static consteval bool distinct(type_list<Ws...>) {
        return name_table<Ws...>::distinct;
    }
    static constexpr bool distinct_variables = distinct(list{});
    static constexpr std::size_t size = list::size;
};

template <class Vars, class... Bs>
auto point_check(const point_t<Bs...>&) -> check_bindings<Vars, Bs...>;

// Turns the arguments of eval<G>(...) into an environment for the evaluator,
// or diagnoses them; invalid_point stops evaluation after a diagnostic.
struct invalid_point {};

// (A point alone, which may hold more variables than G needs, is read in
// place by evaluate_request.)
template <class Vars, class... Args>
constexpr auto point_for(const Args&... args) {
    if constexpr (sizeof...(Args) == 0) {
        static_assert(sizeof...(Args) != 0,
                      "chainrule::eval<G>(x): give the point, as in eval<G>(at<X>(1.0), at<Y>(2.0))");
        return invalid_point{};
    } else if constexpr (detail::all_of({is_binding<Args>...})) {
        using check = check_bindings<Vars, Args...>;
        if constexpr (!check::value) {
            (void)binding_diagnostic<check>::value;
            return invalid_point{};
        } else {
            return bindings<Args...>{args...};
        }
    } else if constexpr (detail::any_of({is_point<Args>...})) {
        static_assert(!detail::any_of({is_point<Args>...}),
                      "chainrule::eval<G>(p): a point must be the only argument; put every binding in it: "
                      "eval<G>(point(at<X>(1.0), at<Y>(2.0)))");
        return invalid_point{};
    } else if constexpr (detail::any_of({is_number_container<Args>...})) {
        static_assert(!detail::any_of({is_number_container<Args>...}),
                      "chainrule::eval<G>(values): a container of numbers binds a family of variables, by name: "
                      "eval<G>(at<Vars<\"w\", 3>>(values))");
        return invalid_point{};
    } else if constexpr (sizeof...(Args) != 1 || detail::any_of({is_binding<Args>...})) {
        static_assert(sizeof...(Args) == 1 && !detail::any_of({is_binding<Args>...}),
                      "chainrule::eval<G>(x): give either one number x, or a value for every variable by name: "
                      "eval<G>(at<X>(1.0), at<Y>(2.0))");
        return invalid_point{};
    } else if constexpr (!detail::all_of({Scalar<Args>...})) {
        static_assert(detail::all_of({Scalar<Args>...}),
                      "chainrule::eval<G>(x): x must be floating-point (float, double, long double) or a user "
                      "scalar type whose division does not truncate; write 2.0, not 2");
        return invalid_point{};
    } else if constexpr (Vars::size > 1) {
        static_assert(Vars::size <= 1,
                      "chainrule::eval<G>(x): G depends on more than one variable; give each a "
                      "value by name: eval<G>(at<X>(1.0), at<Y>(2.0))");
        return invalid_point{};
    } else {
        return single_value<Args...>{args...};  // one argument here
    }
}

template <class Point>
inline constexpr bool is_valid_point = !std::is_same<Point, invalid_point>::value;

// The variables Wanted names, in the arguments' scalar.
template <class Wanted, class... Args>
using wanted_in = typename Wanted::template in<typename scalar_of_arguments<Args...>::type>;

// The messages of point_for, for eval<G>(...) misused (see eval_message).
template <eval_misuse M>
struct request_message {
    static_assert(M != eval_misuse::no_point,
                  "chainrule::eval<G>(x): give the point, as in eval<G>(at<X>(1.0), at<Y>(2.0))");
    static_assert(M != eval_misuse::point_not_alone,
                  "chainrule::eval<G>(p): a point must be the only argument; put every binding in it: "
                  "eval<G>(point(at<X>(1.0), at<Y>(2.0)))");
    static_assert(M != eval_misuse::container,
                  "chainrule::eval<G>(values): a container of numbers binds a family of variables, by name: "
                  "eval<G>(at<Vars<\"w\", 3>>(values))");
    static_assert(M != eval_misuse::not_one_number,
                  "chainrule::eval<G>(x): give either one number x, or a value for every variable by name: "
                  "eval<G>(at<X>(1.0), at<Y>(2.0))");
    static_assert(M != eval_misuse::not_scalar,
                  "chainrule::eval<G>(x): x must be floating-point (float, double, long double) or a user "
                  "scalar type whose division does not truncate; write 2.0, not 2");
    static_assert(M != eval_misuse::many_variables,
                  "chainrule::eval<G>(x): G depends on more than one variable; give each a "
                  "value by name: eval<G>(at<X>(1.0), at<Y>(2.0))");
    static constexpr bool value = false;
};

// The diagnostic of eval<G>(args...) for a G of evaluate_request (void when
// the call is valid, or when G is not WellFormed: G reported that itself):
// the checks of evaluate_request and point_for, decided from the types.
template <bool WellFormed, class Wanted, class... Args>
constexpr auto request_diagnosis() {
    using misuse = eval_misuse;
    if constexpr (!WellFormed) {
        return std::type_identity<void>{};
    } else if constexpr (sizeof...(Args) == 1 && all_of({is_point<Args>...})) {
        using check = decltype(point_check<wanted_in<Wanted, Args...>>(std::declval<const Args&>()...));
        if constexpr (!check::all_bound) return std::type_identity<missing_binding_diagnostic<check>>{};
        else return std::type_identity<void>{};
    } else if constexpr (sizeof...(Args) == 0) {
        return std::type_identity<request_message<misuse::no_point>>{};
    } else if constexpr (all_of({is_binding<Args>...})) {
        if constexpr (!views_of_scalar<Args...>) {
            return std::type_identity<view_scalar_mismatch<false>>{};
        } else {
            using check = check_bindings<wanted_in<Wanted, Args...>, Args...>;
            if constexpr (!check::value) return std::type_identity<binding_diagnostic<check>>{};
            else return std::type_identity<void>{};
        }
    } else if constexpr (any_of({is_point<Args>...})) {
        return std::type_identity<request_message<misuse::point_not_alone>>{};
    } else if constexpr (any_of({is_number_container<Args>...})) {
        return std::type_identity<request_message<misuse::container>>{};
    } else if constexpr (sizeof...(Args) != 1 || any_of({is_binding<Args>...})) {
        return std::type_identity<request_message<misuse::not_one_number>>{};
    } else if constexpr (!all_of({Scalar<Args>...})) {
        return std::type_identity<request_message<misuse::not_scalar>>{};
    } else if constexpr (wanted_in<Wanted, Args...>::size > 1) {
        return std::type_identity<request_message<misuse::many_variables>>{};
    } else {
        return std::type_identity<void>{};
    }
}

// The evaluation shared by Gradient, Jacobian and Hessian: bind the arguments
// to a point of the variables Wanted names (Wanted::in<T>) and hand it to
// run. After a diagnostic (the type is not WellFormed, or point_for found a
// bad argument) it returns an Empty value instead, so that no further errors
// pile up. (wanted_in: the variables Wanted names, in the arguments' scalar.)
//
// Run is a class with a static run(point), never an object: Clang names the
// LLVM type of an object after its class, printed in full, and a class
// nested in Gradient<E, ...> prints E as a tree (a megabyte for the logistic
// map at depth 12, gigabytes at 24: 4.7 GB and 55 s of clang++ for that
// gradient, against 0.4 GB and 4.7 s with a lambda or with this).
//
// report is where the sweep leaves a call that failed during constant
// evaluation (a failed_call<T>*, null at run time), for the caller to
// raise (request_report).
template <bool WellFormed, class Wanted, class Empty, class Run, class Report, class... Args>
constexpr auto evaluate_request(Report report, const Args&... args) {
    if constexpr (WellFormed && sizeof...(Args) == 1 && detail::all_of({is_point<Args>...})) {
        // A point may hold more variables than G needs; every one G needs
        // must be there. It is read where it is, not copied (a copy of its
        // values cost clang++ about 100 instructions at 90 variables, a tenth
        // of the gradient of a net with 81 parameters).
        return [&](const auto& point) {
            using check = decltype(point_check<wanted_in<Wanted, Args...>>(point));
            if constexpr (!check::all_bound) {
                (void)missing_binding_diagnostic<check>::value;
                return Empty{};
            } else {
                return Run::run(point.bound, report);
            }
        }(args...);
    } else {
        const auto p = [&] {
            if constexpr (WellFormed) return point_for<wanted_in<Wanted, Args...>>(args...);
            else return invalid_point{};
        }();
        if constexpr (!is_valid_point<std::remove_const_t<decltype(p)>>) return Empty{};
        else return Run::run(p, report);
    }
}

// Where a request's sweep leaves a call that failed during constant
// evaluation, for evaluate to make again from its own frame (failed_call::
// raise): in a floating-point scalar, a failed_call; otherwise nothing. So a
// domain error in the constant evaluation of a gradient is reported below
// the user's call and evaluate alone, not below the frames of
// evaluate_request and reverse mode, which each spell the expression (g++,
// ln x at -1 in Gradient<y ln x, X, Y>: 6.8 KB of output before, 3.3 KB now).
template <class T, bool Quiet>  // (Quiet = std::floating_point<T>: eval.hpp declares it)
struct request_report {
    static constexpr failed_call<T>* slot() { return nullptr; }
};
template <class T>
struct request_report<T, true> {
    failed_call<T> failed{};
    constexpr failed_call<T>* slot() { return std::is_constant_evaluated() ? &failed : nullptr; }
    // Raised when evaluate returns, after its result is made in place: a
    // named result returned instead (raise, then return it) is copied by
    // clang++, a memcpy of the whole gradient (about 90 instructions at 81
    // partials).
    constexpr ~request_report() { failed.raise(); }
};

// The evaluation of Gradient, ValueAndGradient, Jacobian, Hessian and
// TaylorPartial: Self::evaluate(...), which eval<Self>(...) calls, and the
// call syntax Self{}(at<X>(1.0), ...). Self names what evaluate_request
// takes: well_formed, request_names, empty_value (returned after a
// diagnostic) and sweep. (One call of evaluate_request, whose report is
// null at run time: two, one for each, would repeat every diagnostic.)
//
// A misused call of eval<Self>(...) or Self{}(...) is reported from the
// caller's frame, not from evaluate's, which would spell Self and so E as a
// tree (eval_fn in eval.hpp): eval_diagnosis asks diagnosis<Args...>(), which
// mirrors the checks of evaluate_request and point_for. (evaluate called by
// itself keeps those checks.)
//
// eval<Self>(...) makes the request in eval_fn's frame, and Self{}(...) in
// this operator()'s, not through evaluate: g++ prints each frame of a domain
// error during constant evaluation with Self, so a frame fewer is a copy of
// Self fewer.
template <class Self>
struct callable_request {
    template <class... Args>
    static constexpr auto evaluate(const Args&... args) {
        return Self{}(args...);
    }
    template <class... Args>
    static constexpr auto diagnosis() {
        return request_diagnosis<Self::well_formed, typename Self::request_names, Args...>();
    }
    template <class... Args>
        requires(eval_call<Self, Args...>::ok)
    constexpr auto operator()(const Args&... args) const {
        request_report<typename scalar_of_arguments<Args...>::type> report;
        return evaluate_request<Self::well_formed, typename Self::request_names, typename Self::empty_value,
                                typename Self::sweep>(report.slot(), args...);
    }
    template <class... Args>
        requires(!eval_call<Self, Args...>::ok)
    CHAINRULE_DETAIL_MISUSE_CONSTEXPR typename eval_call<Self, Args...>::report operator()(const Args&...) const {
        return {};
    }
};

template <class Point>
using scalar_of = typename Point::scalar;

// The (row, column) of the K-th entry of the upper triangle of an n x n
// matrix, row by row: (0,0), (0,1), ..., (0,n-1), (1,1), ...
consteval std::pair<std::size_t, std::size_t> upper_entry(std::size_t n, std::size_t k) {
    std::size_t i = 0;
    while (k >= n - i) {
        k -= n - i;
        ++i;
    }
    return {i, i + k};
}

template <class E, class Vars>
struct hessian_impl;
template <class E, class... Vs>
struct hessian_impl<E, type_list<Vs...>> {
    static constexpr std::size_t n = sizeof...(Vs);
    using vars = type_list<Vs...>;

    template <std::size_t K>
    using entry = derivative_t<derivative_t<E, typename vars::template at<upper_entry(n, K).first>>,
                               typename vars::template at<upper_entry(n, K).second>>;

    template <std::size_t... K>
    static auto list(std::index_sequence<K...>) -> type_list<entry<K>...>;
    using entries = decltype(list(std::make_index_sequence<n*(n + 1) / 2>{}));

    template <class Sweep, class Matrix, std::size_t... K>
    static constexpr void fill(Matrix& h, const typename Sweep::values& v, std::index_sequence<K...>) {
        (void)std::initializer_list<int>{
            (put<Sweep, upper_entry(n, K).first, upper_entry(n, K).second, K>(h, v), 0)...};
    }
    template <class Sweep, std::size_t I, std::size_t J, std::size_t K, class Matrix>
    static constexpr void put(Matrix& h, const typename Sweep::values& v) {
        h[I][J] = Sweep::template root<K>(v);
        if constexpr (I != J) h[J][I] = h[I][J];
    }

    template <class Env, class... Entries>
    static auto sweep_of(type_list<Entries...>) -> evaluator_for<Env, Entries...>;

    template <class Env>
    static constexpr auto run(const Env& env, failed_call<typename Env::scalar>* report) {
        using T = typename Env::scalar;
        using sweep = decltype(sweep_of<Env>(entries{}));
        const typename sweep::values v = sweep::forward(env, report);
        std::array<std::array<T, n>, n> h{};
        fill<sweep>(h, v, std::make_index_sequence<n*(n + 1) / 2>{});
        return h;
    }
};

}  // namespace detail

/// The mixed partial derivative of E by each of Vs in turn, as a type:
/// Partial<E, X, Y> is D<D<E, X>, Y>, the derivative d/dy (d/dx E).
/// Partial<E, X, X> is D<E, X, 2>; Partial<E> is E.
///
///   static_assert(std::is_same<Partial<Mul<X, Y>, X, Y>, Int<1>>::value);
template <class E, class... Vs>
using Partial = typename detail::partial_impl<E, Vs...>::type;

/// A list of functions, the rows of a Jacobian: Jacobian<Functions<F, G>, X, Y>.
template <class... Es>
struct Functions {};

/// The gradient of E by the variables Vs, in that order:
/// grad E = (dE/dv1, ..., dE/dvn), computed in reverse mode for at most a
/// few times the cost of E itself, however many variables. Each of Vs is a
/// variable or a family (Vars<"w", 2, 3>), flattened row-major in place.
///
///   eval<Gradient<Mul<X, Y>, X, Y>>(at<X>(2.0), at<Y>(3.0))   // std::array{3.0, 2.0}
///
/// Every variable of E and every one of Vs takes a value; a Gradient of a
/// function of one variable also takes a single number.
template <class E, class... Vs>
struct Gradient : detail::callable_request<Gradient<E, Vs...>> {
    using request = detail::variable_request<Vs...>;
    static_assert(Expression<E>, "chainrule::Gradient<E, Vs...>: E must be a chainrule expression, such as Sigmoid<X>");
    static_assert(sizeof...(Vs) > 0, "chainrule::Gradient<E, Vs...>: name the variables, as in Gradient<E, X, Y>");
    static_assert(request::all_variables,
                  "chainrule::Gradient<E, Vs...>: each of Vs must be a variable such as X or "
                  "Var<'w'>, or a family such as Vars<\"w\", 3>");
    static_assert(request::distinct_variables, "chainrule::Gradient<E, Vs...>: a variable is named twice");
    static constexpr bool well_formed =
        Expression<E> && sizeof...(Vs) > 0 && request::all_variables&& request::distinct_variables;

    /// The variables the gradient's value depends on.
    struct variables
        : detail::variables_of_request<detail::type_list<std::remove_cv_t<E>>, typename request::list>::type {};

    /// (dE/dv1, ..., dE/dvn) at a point: evaluate(...), which eval<Gradient<...>>(...) calls
    /// (detail::callable_request), from these.
    using request_names = detail::reverse_request_names<detail::type_list<std::remove_cv_t<E>>, typename request::list>;
    using empty_value = std::array<double, request::size>;
    // What evaluate_request runs at the bound point: a class, not a lambda,
    // because a message from inside the sweep (a domain error during
    // constant evaluation) prints it in several frames, and a lambda is
    // spelled with its enclosing function and that function's arguments.
    struct sweep {
        template <class Env>
        static constexpr auto run(const Env& p, detail::failed_call<typename Env::scalar>* report) {
            return detail::reverse_mode<detail::type_list<std::remove_cv_t<E>>, typename request::list, Env>::run_one(
                p, report);
        }
    };
};

/// What eval<ValueAndGradient<E, Vs...>>(...) returns: E's value and its
/// gradient, from one sweep. auto [value, gradient] = eval<...>(...) works.
template <class T, std::size_t N>
struct value_and_gradient_result {
    T value;
    std::array<T, N> gradient;
};

/// E's value and its gradient by Vs (as Gradient<E, Vs...>) from one forward
/// and one backward sweep: what a training step needs.
///
///   auto [loss, grad] = eval<ValueAndGradient<L, Vars<"w", 3>>>(at<Vars<"w", 3>>(w), at<X>(x));
template <class E, class... Vs>
struct ValueAndGradient : detail::callable_request<ValueAndGradient<E, Vs...>> {
    using request = detail::variable_request<Vs...>;
    static_assert(Expression<E>,
                  "chainrule::ValueAndGradient<E, Vs...>: E must be a chainrule expression, such as Sigmoid<X>");
    static_assert(sizeof...(Vs) > 0,
                  "chainrule::ValueAndGradient<E, Vs...>: name the variables, as in ValueAndGradient<E, X, Y>");
    static_assert(request::all_variables,
                  "chainrule::ValueAndGradient<E, Vs...>: each of Vs must be a variable such "
                  "as X or Var<'w'>, or a family such as Vars<\"w\", 3>");
    static_assert(request::distinct_variables, "chainrule::ValueAndGradient<E, Vs...>: a variable is named twice");
    static constexpr bool well_formed =
        Expression<E> && sizeof...(Vs) > 0 && request::all_variables&& request::distinct_variables;

    /// The variables the value depends on.
    struct variables
        : detail::variables_of_request<detail::type_list<std::remove_cv_t<E>>, typename request::list>::type {};

    /// {value, gradient} at a point: evaluate(...), which eval<ValueAndGradient<...>>(...) calls
    /// (detail::callable_request), from these.
    using request_names = detail::reverse_request_names<detail::type_list<std::remove_cv_t<E>>, typename request::list>;
    using empty_value = value_and_gradient_result<double, request::size>;
    // (a class, not a lambda: see Gradient::sweep)
    struct sweep {
        template <class Env>
        static constexpr auto run(const Env& p, detail::failed_call<typename Env::scalar>* report) {
            using T = typename Env::scalar;
            const auto r = detail::reverse_mode<detail::type_list<std::remove_cv_t<E>>, typename request::list,
                                                Env>::value_and_gradient(p, report);
            return value_and_gradient_result<T, request::size>{r.first, r.second};
        }
    };
};

template <class Es, class... Vs>
struct Jacobian;

/// The Jacobian of the functions Es by the variables Vs: row i is the
/// gradient of the i-th function, J[i][j] = dE_i/dv_j. One forward sweep is
/// shared by all rows, then one reverse sweep runs per row.
///
///   using J = Jacobian<Functions<Mul<X, Y>, Add<X, Y>>, X, Y>;
///   eval<J>(at<X>(2.0), at<Y>(3.0))   // {{3, 2}, {1, 1}}
template <class... Es, class... Vs>
struct Jacobian<Functions<Es...>, Vs...> : detail::callable_request<Jacobian<Functions<Es...>, Vs...>> {
    static_assert(sizeof...(Es) > 0 && detail::all_of({Expression<Es>...}),
                  "chainrule::Jacobian<Functions<Es...>, Vs...>: each of Es must be a chainrule expression, "
                  "as in Jacobian<Functions<Mul<X, Y>, Sin<X>>, X, Y>");
    using request = detail::variable_request<Vs...>;
    static_assert(sizeof...(Vs) > 0,
                  "chainrule::Jacobian<Functions<Es...>, Vs...>: name the variables, as in "
                  "Jacobian<Functions<F, G>, X, Y>");
    static_assert(request::all_variables,
                  "chainrule::Jacobian<Functions<Es...>, Vs...>: each of Vs must be a variable "
                  "such as X or Var<'w'>, or a family such as Vars<\"w\", 3>");
    static_assert(request::distinct_variables,
                  "chainrule::Jacobian<Functions<Es...>, Vs...>: a variable is named twice");
    static constexpr bool well_formed = sizeof...(Es) > 0 && detail::all_of({Expression<Es>...}) &&
                                        sizeof...(Vs) > 0 && request::all_variables&& request::distinct_variables;

    /// The variables the Jacobian's value depends on.
    struct variables
        : detail::variables_of_request<detail::type_list<std::remove_cv_t<Es>...>, typename request::list>::type {};

    /// J at a point, as std::array of rows: evaluate(...), which eval<Jacobian<...>>(...) calls
    /// (detail::callable_request), from these.
    using request_names =
        detail::reverse_request_names<detail::type_list<std::remove_cv_t<Es>...>, typename request::list>;
    using empty_value = std::array<std::array<double, request::size>, sizeof...(Es)>;
    // (a class, not a lambda: see Gradient::sweep)
    struct sweep {
        template <class Env>
        static constexpr auto run(const Env& p, detail::failed_call<typename Env::scalar>* report) {
            return detail::reverse_mode<detail::type_list<std::remove_cv_t<Es>...>, typename request::list, Env>::run(
                p, report);
        }
    };
};

/// Diagnoses a Jacobian whose first argument is not Functions<...>.
template <class Es, class... Vs>
struct Jacobian {
    static_assert(sizeof(Es) == 0,
                  "chainrule::Jacobian<Functions<Es...>, Vs...>: list the functions in Functions<...>, as in "
                  "Jacobian<Functions<F, G>, X, Y>");
    template <class... Args>
    static constexpr auto evaluate(const Args&...) {
        return 0.0;
    }
};

/// The Hessian of E by the variables Vs: H[i][j] = d^2 E / dv_i dv_j, a
/// symmetric matrix. Each entry of the upper triangle is the symbolic second
/// partial Partial<E, Vi, Vj>; they are evaluated together in one sweep, each
/// distinct subexpression once, and mirrored below the diagonal, so each
/// mixed partial is evaluated once.
///
///   eval<Hessian<Mul<X, Y>, X, Y>>(at<X>(2.0), at<Y>(3.0))   // {{0, 1}, {1, 0}}
template <class E, class... Vs>
struct Hessian : detail::callable_request<Hessian<E, Vs...>> {
    static_assert(Expression<E>, "chainrule::Hessian<E, Vs...>: E must be a chainrule expression, such as Sigmoid<X>");
    using request = detail::variable_request<Vs...>;
    static_assert(sizeof...(Vs) > 0, "chainrule::Hessian<E, Vs...>: name the variables, as in Hessian<E, X, Y>");
    static_assert(request::all_variables,
                  "chainrule::Hessian<E, Vs...>: each of Vs must be a variable such as X or "
                  "Var<'w'>, or a family such as Vars<\"w\", 3>");
    static_assert(request::distinct_variables, "chainrule::Hessian<E, Vs...>: a variable is named twice");
    static constexpr bool well_formed =
        Expression<E> && sizeof...(Vs) > 0 && request::all_variables&& request::distinct_variables;

    /// The variables the Hessian's value depends on.
    struct variables
        : detail::variables_of_request<detail::type_list<std::remove_cv_t<E>>, typename request::list>::type {};

    /// H at a point, as std::array of rows: evaluate(...), which eval<Hessian<...>>(...) calls
    /// (detail::callable_request), from these.
    using request_names = detail::plain_request_names<detail::type_list<std::remove_cv_t<E>>, typename request::list>;
    using empty_value = std::array<std::array<double, request::size>, request::size>;
    // (a class, not a lambda: see Gradient::sweep)
    struct sweep {
        template <class Env>
        static constexpr auto run(const Env& p, detail::failed_call<typename Env::scalar>* report) {
            return detail::hessian_impl<std::remove_cv_t<E>, typename request::list>::run(p, report);
        }
    };
};

/// Diagnoses a Hessian of several functions (Functions<...> is Jacobian's).
template <class... Es, class... Vs>
struct Hessian<Functions<Es...>, Vs...> : detail::callable_request<Hessian<Functions<Es...>, Vs...>> {
    static_assert(sizeof...(Es) == 0 && sizeof...(Es) != 0,  // (always false, but dependent)
                  "chainrule::Hessian<E, Vs...>: E is one function; Functions<...> lists the rows of a Jacobian: "
                  "take the Hessian of each function, Hessian<F, X, Y> and Hessian<G, X, Y>");
    struct variables {};
    // (a request that is not well formed: its evaluation returns 0 and adds
    // no message)
    static constexpr bool well_formed = false;
    using request_names = void;
    using empty_value = double;
    struct sweep {};
};

namespace detail {
template <class E, class... Vs>
inline constexpr bool multi_valued<Gradient<E, Vs...>> = true;
template <class Es, class... Vs>
inline constexpr bool multi_valued<Jacobian<Es, Vs...>> = true;
template <class E, class... Vs>
inline constexpr bool multi_valued<Hessian<E, Vs...>> = true;
template <class E, class... Vs>
inline constexpr bool multi_valued<ValueAndGradient<E, Vs...>> = true;
}  // namespace detail

}  // namespace chainrule
