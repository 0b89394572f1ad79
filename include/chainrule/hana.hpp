#pragma once

#include "chainrule/detail/order.hpp"
#include "chainrule/eval.hpp"
#include "chainrule/expression.hpp"
#include "chainrule/variables.hpp"

#include <boost/hana/at_key.hpp>
#include <boost/hana/bool.hpp>
#include <boost/hana/keys.hpp>
#include <boost/hana/map.hpp>
#include <boost/hana/sort.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/type.hpp>
#include <boost/hana/unpack.hpp>

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

/// E evaluated at a point given as a Hana map from variables to values:
///
///   eval_at<Mul<X, Y>>(hana::make_map(hana::make_pair(hana::type_c<X>, 2.0),
///                                     hana::make_pair(hana::type_c<Y>, 3.0)))   // 6
///
/// the same as eval<E>(at<X>(2.0), at<Y>(3.0)), with the same diagnostics.
template <class E, class Map>
constexpr auto eval_at(const Map& point) {
    return boost::hana::unpack(boost::hana::keys(point), [&](auto... variable) {
        return eval<E>(at<typename decltype(variable)::type>(point[variable])...);
    });
}

}  // namespace chainrule
