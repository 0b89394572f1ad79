#pragma once

#include <cstddef>
#include <initializer_list>
#include <type_traits>
#include <utility>

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
// first_true({P<Ts>...}): the index of the first Ts for which P holds (the
// number of Ts where none does).
constexpr std::size_t first_true(std::initializer_list<bool> l) {
    std::size_t k = 0;
    for (bool b : l) {
        if (b) return k;
        ++k;
    }
    return k;
}
// add_up({N<Ts>...}) for (N<Ts> + ...), for the same reason.
template <class T>
constexpr T add_up(std::initializer_list<T> l) {
    T total{};
    for (T v : l) total += v;
    return total;
}
// multiply_up({N<Ts>...}) for (N<Ts> * ...), likewise.
template <class T>
constexpr T multiply_up(std::initializer_list<T> l) {
    T product{1};
    for (T v : l) product *= v;
    return product;
}

// (The size is a member of a base named by the size alone: a static member
// of type_list itself would be a symbol named after every type in the list,
// and GCC computes the mangled name of each symbol it meets.)
template <std::size_t N>
struct list_size {
    static constexpr std::size_t size = N;
};
template <class... Ts>
struct type_list : list_size<sizeof...(Ts)> {
    template <std::size_t I>
    using at = typename nth<I, Ts...>::type;
};

// at_t<I, L>: the I-th type of the list L, without a recursion as deep as I.
// On Clang its builtin __type_pack_element does it in O(1); elsewhere the
// list's types are the bases of one class (made once per list), and the one
// at I is found by deduction.
template <std::size_t I, class T>
struct list_slot {
    using type = T;
};
template <class Seq, class... Ts>
struct list_slots;
template <std::size_t... I, class... Ts>
struct list_slots<std::index_sequence<I...>, Ts...> : list_slot<I, Ts>... {};
template <std::size_t I, class T>
list_slot<I, T> pick_slot(const list_slot<I, T>*);
template <class L>
struct slots_of;
template <class... Ts>
struct slots_of<type_list<Ts...>> {
    using type = list_slots<std::index_sequence_for<Ts...>, Ts...>;
};
#if defined(__clang__)
template <std::size_t I, class L>
struct at_of;
template <std::size_t I, class... Ts>
struct at_of<I, type_list<Ts...>> {
    using type = __type_pack_element<I, Ts...>;
};
template <std::size_t I, class L>
using at_t = typename at_of<I, L>::type;
#else
template <std::size_t I, class L>
using at_t = typename decltype(detail::pick_slot<I>(static_cast<const typename slots_of<L>::type*>(nullptr)))::type;
#endif

// slice_t<Offset, Count, L>: the Count types of L from Offset on.
template <std::size_t Offset, class L, class Seq>
struct slice_of;
template <std::size_t Offset, class L, std::size_t... K>
struct slice_of<Offset, L, std::index_sequence<K...>> {
    using type = type_list<at_t<Offset + K, L>...>;
};
template <std::size_t Offset, std::size_t Count, class L>
using slice_t = typename slice_of<Offset, L, std::make_index_sequence<Count>>::type;

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
// Eight lists at a time, so that joining n lists (a Gradient by 1,024
// variables flattens 1,024 one-member lists) recurses n/7 deep, not n.
template <class... T1, class... T2, class... T3, class... T4, class... T5, class... T6, class... T7, class... T8,
          class... Lists>
struct concat_all<type_list<T1...>, type_list<T2...>, type_list<T3...>, type_list<T4...>, type_list<T5...>,
                  type_list<T6...>, type_list<T7...>, type_list<T8...>, Lists...> {
    using type = typename concat_all<type_list<T1..., T2..., T3..., T4..., T5..., T6..., T7..., T8...>, Lists...>::type;
};

template <class List, template <class...> class To>
struct rename;
template <class... Ts, template <class...> class To>
struct rename<type_list<Ts...>, To> {
    using type = To<Ts...>;
};

}  // namespace chainrule::detail
