#pragma once

#include "chainrule/detail/type_list.hpp"
#include "chainrule/expression.hpp"

#include <type_traits>

// The distinct subexpressions of one or more expressions, children before
// parents. Evaluation computes each of them once, in this order; that is how
// D<Sigmoid<X>> = s(x) (1 - s(x)) evaluates exp once, not twice.
//
// Constants are not nodes here: their values are known, and the evaluator
// writes them in place.
namespace chainrule::detail {

template <class E>
struct children {
    using type = type_list<>;
};
template <class Fn, class A>
struct children<Apply<Fn, A>> {
    using type = type_list<A>;
};
template <class B, class E>
struct children<Power<B, E>> {
    using type = type_list<B, E>;
};
// A Product evaluates as (numerator) / (denominator) rather than multiplying
// by reciprocals: x / y is one division, rounded once, as written by hand.
// A factor b^-n is therefore read through its base b.
template <class F>
inline constexpr bool in_denominator = false;
template <class B, class E>
    requires Constant<E>
inline constexpr bool in_denominator<Power<B, E>> = (E::numerator < 0);

template <class F>
struct product_operand {
    using type = F;
};
template <class B, class E>
    requires in_denominator<Power<B, E>>
struct product_operand<Power<B, E>> {
    using type = B;
};

template <class... Fs>
struct children<Product<Fs...>> {
    using type = type_list<typename product_operand<Fs>::type...>;
};
template <class... Ts>
struct children<Sum<Ts...>> {
    using type = type_list<Ts...>;
};

template <bool WithConstants, class Seen, class E>
struct collect;

template <bool WithConstants, class Seen, class List>
struct collect_all;
template <bool WithConstants, class Seen>
struct collect_all<WithConstants, Seen, type_list<>> {
    using type = Seen;
};
template <bool WithConstants, class Seen, class T, class... Ts>
struct collect_all<WithConstants, Seen, type_list<T, Ts...>> {
    using type = typename collect_all<WithConstants, typename collect<WithConstants, Seen, T>::type,
                                      type_list<Ts...>>::type;
};

template <bool WithConstants, class Seen, class E>
struct collect {
    static auto pick() {
        if constexpr ((!WithConstants && Constant<E>) || contains_v<E, Seen>)
            return std::type_identity<Seen>{};
        else
            return std::type_identity<typename push_back<
                E, typename collect_all<WithConstants, Seen, typename children<E>::type>::type>::type>{};
    }
    using type = typename decltype(pick())::type;
};

/// The distinct non-constant subexpressions of Es..., children first: what
/// evaluation computes.
template <class... Es>
using dag_nodes = typename collect_all<false, type_list<>, type_list<Es...>>::type;

/// All distinct subexpressions of Es..., constants included: what dag_size_v counts.
template <class... Es>
using all_subexpressions = typename collect_all<true, type_list<>, type_list<Es...>>::type;

}  // namespace chainrule::detail
