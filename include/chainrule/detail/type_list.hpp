#pragma once

#include <cstddef>
#include <initializer_list>
#include <type_traits>

// Plain type lists for the hot paths of canonicalisation and evaluation.
// Hana's type-level algorithms are used where they read better (see
// variables.hpp); here every expression construction goes through these, and
// std::is_same folds cost a fraction of hana::type comparisons at compile time.
namespace chainrule::detail {

template <std::size_t I, class... Ts>
struct nth;
template <class T, class... Ts>
struct nth<0, T, Ts...> {
    using type = T;
};
template <std::size_t I, class T, class... Ts>
struct nth<I, T, Ts...> {
    using type = typename nth<I - 1, Ts...>::type;
};

// if_t<C, T, F>: T when C, else F. Unlike std::conditional_t it instantiates
// no class per use (two in all: select<true> and select<false>), which matters
// in the constructors that run for every expression the compiler builds.
template <bool C>
struct select {
    template <class T, class F>
    using f = T;
};
template <>
struct select<false> {
    template <class T, class F>
    using f = F;
};
template <bool C, class T, class F>
using if_t = typename select<C>::template f<T, F>;

// all_of({P<Ts>...}) and any_of({P<Ts>...}) where a fold (P<Ts> && ...)
// would do: Clang refuses fold expressions over more than 256 operands, and
// a gradient by 1,089 parameters checks each of them.
constexpr bool all_of(std::initializer_list<bool> l) {
    for (bool b : l)
        if (!b) return false;
    return true;
}
constexpr bool any_of(std::initializer_list<bool> l) {
    for (bool b : l)
        if (b) return true;
    return false;
}

template <class... Ts>
struct type_list {
    static constexpr std::size_t size = sizeof...(Ts);
    template <std::size_t I>
    using at = typename nth<I, Ts...>::type;
};

template <class T, class List>
struct push_back;
template <class T, class... Ts>
struct push_back<T, type_list<Ts...>> {
    using type = type_list<Ts..., T>;
};

template <class A, class B>
struct concat;
template <class... As, class... Bs>
struct concat<type_list<As...>, type_list<Bs...>> {
    using type = type_list<As..., Bs...>;
};

template <class... Lists>
struct concat_all {
    using type = type_list<>;
};
template <class... Ts, class... Lists>
struct concat_all<type_list<Ts...>, Lists...> {
    using type = typename concat<type_list<Ts...>, typename concat_all<Lists...>::type>::type;
};

template <class List, template <class...> class To>
struct rename;
template <class... Ts, template <class...> class To>
struct rename<type_list<Ts...>, To> {
    using type = To<Ts...>;
};

}  // namespace chainrule::detail
