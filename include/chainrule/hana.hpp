#pragma once

#include "chainrule/detail/order.hpp"
#include "chainrule/eval.hpp"
#include "chainrule/expression.hpp"
#include "chainrule/variables.hpp"

#include <boost/hana/at_key.hpp>
#include <boost/hana/bool.hpp>
#include <boost/hana/core/to.hpp>
#include <boost/hana/keys.hpp>
#include <boost/hana/map.hpp>
#include <boost/hana/sort.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/type.hpp>
#include <boost/hana/unpack.hpp>

#include <type_traits>
#include <utility>

// Boost.Hana views of chainrule's types, for code that works with Hana's
// type-level sequences and maps.
//
// The core does its own type-level bookkeeping with plain type lists: it runs
// on every expression the compiler builds, and there hana::sort with the same
// comparison costs about six times the compile time of the core's merges
// (bench/compile/sort_*.cpp, docs/performance.md). At the user's level, where
// the sets are small and the code is read more than compiled, Hana reads best.
namespace chainrule {

namespace detail {
template <class List>
struct hana_types;
template <class... Vs>
struct hana_types<type_list<Vs...>> {
    static constexpr auto value = boost::hana::tuple_t<Vs...>;
};
}  // namespace detail

/// The variables of E in canonical order (x < y < z, w1 < w2), as a Hana
/// tuple of types: hana::for_each(variables_c<Mul<Y, X>>, f) calls f with
/// hana::type_c<X>, then hana::type_c<Y>.
template <Expression E>
inline constexpr auto variables_c = boost::hana::sort(detail::hana_types<variables_t<E>>::value, [](auto a, auto b) {
    return boost::hana::bool_c < detail::compare_v<typename decltype(a)::type, typename decltype(b)::type><0>;
});

namespace detail {
// The call eval<E>(at<V>(value)...) that a Hana map from hana::type_c<V> to
// values stands for, as an eval_call (eval.hpp), from the map's type alone.
template <class Map, class K>
using map_value_t = std::remove_cvref_t<decltype(std::declval<const Map&>()[K{}])>;
// (a value that is not a number is reported as eval<E>(x) reports one)
struct map_value_not_a_number {};
template <bool Scalars>
struct map_bindings {
    template <class E, class Map, class... K>
    using call = eval_call<E, map_value_not_a_number>;
};
template <>
struct map_bindings<true> {
    template <class E, class Map, class... K>
    using call = eval_call<E, binding<typename K::type, map_value_t<Map, K>>...>;
};
template <class Map, class Keys>
struct map_call;
template <class Map, class... K>
struct map_call<Map, boost::hana::tuple<K...>> {
    template <class E>
    using call = typename map_bindings<all_of({Scalar<map_value_t<Map, K>>...})>::template call<E, Map, K...>;
};
template <class E, class Map>
using eval_at_call =
    typename map_call<Map,
                      decltype(boost::hana::to_tuple(boost::hana::keys(std::declval<const Map&>())))>::template call<E>;

/// The function object eval_at<E> (below): a misused call reports from the
/// caller's line, as eval<E>'s does.
template <class E>
struct eval_at_fn {
    template <class Map>
        requires(eval_at_call<E, Map>::ok)
    constexpr auto operator()(const Map& point) const {
        return boost::hana::unpack(boost::hana::keys(point), [&](auto... variable) {
            return eval_fn<E>{}(at<typename decltype(variable)::type>(point[variable])...);
        });
    }
    template <class Map>
        requires(!eval_at_call<E, Map>::ok)
    CHAINRULE_DETAIL_MISUSE_CONSTEXPR typename eval_at_call<E, Map>::report operator()(const Map&) const { return {}; }
};
}  // namespace detail

/// E evaluated at a point given as a Hana map from variables to values:
///
///   eval_at<Mul<X, Y>>(hana::make_map(hana::make_pair(hana::type_c<X>, 2.0),
///                                     hana::make_pair(hana::type_c<Y>, 3.0)))   // 6
///
/// the same as eval<E>(at<X>(2.0), at<Y>(3.0)), with the same diagnostics.
template <class E>
inline constexpr detail::eval_at_fn<std::remove_cv_t<E>> eval_at{};

}  // namespace chainrule
