#pragma once

#include "chainrule/detail/bindings.hpp"
#include "chainrule/detail/names.hpp"
#include "chainrule/detail/taylor.hpp"
#include "chainrule/detail/type_list.hpp"
#include "chainrule/eval.hpp"
#include "chainrule/expression.hpp"
#include "chainrule/gradient.hpp"

#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

// Mixed partial derivatives of high order, evaluated in Taylor mode.
//
//   TaylorPartial<F, Order<W, 3>, Order<X, 2>, Y>      d^6 F / dw^3 dx^2 dy, a value
//
// Partial<F, W, W, W, X, X, Y> is the same derivative as a type, which the
// compiler builds by differentiating six times; its size grows about four
// times per order, so that order 12 of a small expression is out of reach.
// TaylorPartial never builds it: it propagates truncated Taylor series over
// the graph of F itself (detail/taylor.hpp), so its compile cost is that of
// F plus, for each distinct function in F, the function's own derivatives up
// to the total order; its run time grows with the box of coefficients,
// prod (order + 1).
namespace chainrule {

/// The N-th derivative by the variable V, in TaylorPartial<F, Order<V, N>, ...>;
/// a bare variable V there means Order<V, 1>.
template <class V, int N>
struct Order {
    using variable = V;
    static constexpr int order = N;
};

namespace detail {

// What one argument Vs of TaylorPartial<E, Vs...> asks for.
template <class S>
struct taylor_spec {
    static constexpr bool variable_ok = Variable<S>;
    static constexpr bool non_negative = true;
    static constexpr long long order = 1;
    using variable = S;
};
template <class V, int N>
struct taylor_spec<Order<V, N>> {
    static constexpr bool variable_ok = Variable<V>;
    static constexpr bool non_negative = N >= 0;
    static constexpr long long order = N >= 0 ? N : 0;
    using variable = V;
};

template <std::size_t... I>
constexpr std::array<var_name, sizeof...(I)> taylor_blank_names(std::index_sequence<I...>) {
    return {((void)I, var_name{'\0'})...};
}

// The arguments of TaylorPartial, checked, and the box they ask for.
template <class... Specs>
struct taylor_specs {
    static constexpr bool all_variables = all_of({taylor_spec<Specs>::variable_ok...});
    static constexpr bool all_non_negative = all_of({taylor_spec<Specs>::non_negative...});
    template <class... Vs>
    static consteval bool distinct(type_list<Vs...>) {
        return name_table<Vs...>::distinct;
    }
    using variables = type_list<typename taylor_spec<Specs>::variable...>;
    static constexpr bool distinct_variables = [] {
        if constexpr (all_variables) return distinct(variables{});
        else return true;  // (reported as not variables)
    }();
    static constexpr bool well_formed = all_variables && all_non_negative && distinct_variables;

    static constexpr std::size_t count = sizeof...(Specs);
    static constexpr std::array<long long, count> orders = {taylor_spec<Specs>::order...};
    static constexpr std::size_t box_rank = [] {
        std::size_t m = 0;
        for (long long n : orders) m += n > 0 ? 1 : 0;
        return m;
    }();
    // The variables of order above 0, in the order given, with their orders.
    static constexpr taylor_request<box_rank> request = [] {
        taylor_request<box_rank> r{taylor_blank_names(std::make_index_sequence<box_rank>{}), {}};
        if constexpr (all_variables) {  // (else reported above)
            const std::array<var_name, count> names = {taylor_spec<Specs>::variable::name...};
            std::size_t m = 0;
            for (std::size_t k = 0; k < count; ++k) {
                if (orders[k] <= 0) continue;
                r.names[m] = names[k];
                r.orders[m] = static_cast<std::size_t>(orders[k]);
                ++m;
            }
        }
        return r;
    }();
    static constexpr std::size_t total_order = [] {
        std::size_t n = 0;
        for (long long k : orders) n += static_cast<std::size_t>(k);
        return n;
    }();
};

// What a call's bindings are checked against: the variables of E's graph in
// Taylor mode, and the requested ones E lacks (which still take a value).
template <class E, std::size_t K, class Vs>
struct taylor_request_names {
    template <class T>
    using in = request_names<graph_variable_names<taylor_graph<T, K, E>>, Vs>;
};

}  // namespace detail

/// The mixed partial derivative of E by the variables of Vs, each to its
/// order, as a value: Vs are variables (order 1) or Order<V, N> (order N >= 0),
/// each variable named once, in any order (the partials commute).
///
///   using F = Mul<Exp<X>, Sin<Y>>;
///   eval<TaylorPartial<F, Order<X, 3>, Order<Y, 2>>>(point(at<X>(0.5), at<Y>(1.0)))   // -e^0.5 sin(1)
///
/// It is computed in Taylor mode: truncated multivariate Taylor series
/// propagated over the graph of E, never the symbolic derivative, so that
/// orders such as 12 compile in the time of E and run in a few milliseconds.
/// Every variable of E and every one of Vs takes a value, as for Gradient;
/// usable in constant expressions; float, double, long double.
template <class E, class... Vs>
struct TaylorPartial : detail::callable_request<TaylorPartial<E, Vs...>> {
    using specs = detail::taylor_specs<Vs...>;
    static_assert(Expression<E>,
                  "chainrule::TaylorPartial<E, Vs...>: E must be a chainrule expression, such as Sigmoid<X>");
    static_assert(specs::all_variables,
                  "chainrule::TaylorPartial<E, Vs...>: each of Vs must be a variable such as X or Var<'w'>, or "
                  "Order<V, N> for the N-th derivative by the variable V");
    static_assert(specs::all_non_negative,
                  "chainrule::TaylorPartial<E, Vs...>: in Order<V, N>, N, the order of the derivative by V, must be "
                  "zero or more");
    static_assert(specs::distinct_variables,
                  "chainrule::TaylorPartial<E, Vs...>: a variable is named twice; give its whole order once, as in "
                  "Order<X, 2>");
    static constexpr bool well_formed = Expression<E> && specs::well_formed;

    /// The partial at a point: evaluate(...), which eval<TaylorPartial<...>>(...)
    /// calls (detail::callable_request), from these.
    using request_names =
        detail::taylor_request_names<std::remove_cv_t<E>, specs::total_order, typename specs::variables>;
    using empty_value = double;
    // (a class, not a lambda, as Gradient's: see gradient.hpp; a domain error
    // is raised where it arises, so nothing is reported)
    struct sweep {
        template <class Env>
        static constexpr auto run(const Env& p, detail::failed_call<typename Env::scalar>*) {
            return detail::taylor_sweep<std::remove_cv_t<E>, specs::request, Env>::run(p);
        }
    };
};

namespace detail {
// (eval<TaylorPartial<...>>(...) forwards to TaylorPartial::evaluate, as for
// Gradient; the value is one number.)
template <class E, class... Vs>
inline constexpr bool multi_valued<TaylorPartial<E, Vs...>> = true;
}  // namespace detail

}  // namespace chainrule
