#pragma once

#include "chainrule/expression.hpp"

#include <concepts>
#include <cstddef>

// What a function is: a tag type. Built-in and user functions are made the
// same way, and work the same everywhere (D, canonical forms, Expand,
// printing, gradients, constexpr).
//
// A tag of one argument has
//   name                        its name ("tanh")
// and, optionally, how it prints (print.hpp), each a const char*:
//   text                        the name in to_text, if not name ("sigma")
//   latex                       "\\tanh", or a template where # is the argument ("e^{#}")
//   mathml                      "<mi>tanh</mi>", or a template ("<msqrt>#</msqrt>")
//   cpp                         the C++ function to_cpp calls ("std::tanh")
//   eval(u)                     its value, constexpr (the library's own math
//                               during constant evaluation, <cmath> at run time)
//   derivative<U>               the derivative of the outer function,
//                               written at the argument U: for tanh,
//                               Sub<Int<1>, Pow<Tanh<U>, Int<2>>>
// A tag of two arguments has eval(u, w) and derivative<U, W>, the list of
// its partial derivatives, Partials<df/du, df/dw>. A tag of no arguments is a
// named constant (Pi): name and eval<T>().
//
// The chain rule itself is written once, in derivative.hpp:
//   D<Apply<Fn, U>, V>    = Mul<Fn::derivative<U>, D<U, V>>
//   D<Apply<Fn, U, W>, V> = df/du D<U, V> + df/dw D<W, V>
//
// A function is identified by its tag type, never by its name: two tags with
// the same name are two functions. The canonical order (detail/order.hpp)
// sorts functions by name, then by the optional `key` (a string; the name when
// absent), and rejects two different tags that agree on both, since it could
// not tell them apart the same way on every compiler.
namespace chainrule {

/// The partial derivatives of a function of several arguments, one per
/// argument, as a tag's derivative<U, W> gives them.
template <Expression... Ps>
struct Partials {};

namespace detail {
// Fn applied to As. Function headers specialise this for exact values at
// constants, such as exp(0) = 1, so that constants fold like arithmetic does.
template <class Fn, class... As>
struct apply {
    using type = Call<Fn, As...>;
};
template <class Fn, class... As>
using apply_t = typename apply<Fn, As...>::type;

// Whether a tag has a rule for one or two arguments, seen without
// instantiating it (a rule may name other functions, whose checks would then
// run inside this one).
template <template <class> class>
struct rule_of_one {};
template <template <class, class> class>
struct rule_of_two {};

template <class Fn>
concept named_tag = requires {
    { Fn::name } -> std::convertible_to<const char*>;
};
template <class Fn>
concept unary_rule = requires {
    typename rule_of_one<Fn::template derivative>;
};
template <class Fn>
concept binary_rule = requires {
    typename rule_of_two<Fn::template derivative>;
};
template <class Fn>
concept unary_eval = requires(double u) {
    { Fn::eval(u) } -> std::convertible_to<double>;
};
template <class Fn>
concept binary_eval = requires(double u, double w) {
    { Fn::eval(u, w) } -> std::convertible_to<double>;
};
template <class Fn>
concept nullary_eval = requires {
    { Fn::template eval<double>() } -> std::convertible_to<double>;
};

template <class Fn, std::size_t N>
inline constexpr bool has_rule = N == 0 || (N == 1 && unary_rule<Fn>) || (N == 2 && binary_rule<Fn>);
template <class Fn, std::size_t N>
inline constexpr bool has_eval = (N == 0 && nullary_eval<Fn>) || (N == 1 && unary_eval<Fn>) ||
                                 (N == 2 && binary_eval<Fn>);

// The checks of Apply, one message each; the tag is named by the
// instantiation the compiler reports (function_tag_check<my_fn, 1>).
template <class Fn, std::size_t N>
struct function_tag_check {
    static_assert(N <= 2, "chainrule::Apply<Fn, A...>: a function takes at most two arguments");
    static_assert(named_tag<Fn>,
                  "chainrule::Apply<Fn, A...>: Fn is not a function tag: it needs static constexpr const char* name");
    static_assert(!named_tag<Fn> || has_rule<Fn, N>,
                  "chainrule::Apply<Fn, A...>: the tag Fn has no derivative rule for this many arguments "
                  "(one argument: template <class U> using derivative = ...; two: template <class U, class W> "
                  "using derivative = Partials<...>)");
    static_assert(!named_tag<Fn> || !has_rule<Fn, N> || has_eval<Fn, N>,
                  "chainrule::Apply<Fn, A...>: the tag Fn has no evaluation for this many arguments "
                  "(one argument: template <class T> static constexpr T eval(T u))");
    static constexpr bool value = true;
};

template <class Fn, class... As>
struct checked_apply {
    static_assert((Expression<As> && ...), "chainrule::Apply<Fn, A...>: each argument must be a chainrule expression");
    static_assert(function_tag_check<Fn, sizeof...(As)>::value);
    using type = apply_t<Fn, As...>;
};
}  // namespace detail

/// True for a function tag: a name, and for some number of arguments (none,
/// one or two) a derivative rule and an evaluation. See functions/function.hpp.
template <class Fn>
concept Function = detail::named_tag<Fn> &&
    ((detail::unary_rule<Fn> && detail::unary_eval<Fn>) || (detail::binary_rule<Fn> && detail::binary_eval<Fn>) ||
     detail::nullary_eval<Fn>);

/// The function with tag Fn applied to As...: the canonical node, with the
/// tag checked and exact constants folded (Apply<exp_fn, Int<0>> is Int<1>).
/// Sin<A> is Apply<sin_fn, A>; a user's tag is applied the same way.
template <class Fn, class... As>
using Apply = typename detail::checked_apply<Fn, As...>::type;

}  // namespace chainrule
