#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/derivative.hpp"
#include "chainrule/expression.hpp"
#include "chainrule/functions.hpp"
#include "chainrule/literals.hpp"

#include <type_traits>

// Value-level syntax: write expressions as ordinary C++ and get the same
// types the aliases build.
//
//   constexpr auto x = X{};
//   constexpr auto f = sigmoid(x) * x + int_c<1>;
//   constexpr auto df = d(f, x);          // a value of type D<decltype(f), X>
//   static_assert(df(0.0) == 0.5);
//
// Every value is an empty object; all the information is in its type, so
// these functions compute nothing at run time.
namespace chainrule {

/// a + b, as Add<A, B>.
template <Expression A, Expression B>
constexpr Add<A, B> operator+(A, B) {
    return {};
}
/// a - b, as Sub<A, B>.
template <Expression A, Expression B>
constexpr Sub<A, B> operator-(A, B) {
    return {};
}
/// a * b, as Mul<A, B>.
template <Expression A, Expression B>
constexpr Mul<A, B> operator*(A, B) {
    return {};
}
/// a / b, as Div<A, B>.
template <Expression A, Expression B>
constexpr Div<A, B> operator/(A, B) {
    return {};
}
/// -a, as Neg<A>.
template <Expression A>
constexpr Neg<A> operator-(A) {
    return {};
}
/// +a is a.
template <Expression A>
constexpr A operator+(A a) {
    return a;
}

namespace detail {
template <class N>
inline constexpr bool plain_number = std::is_arithmetic_v<N>;
template <class N>
constexpr void reject_plain_number() {
    static_assert(!plain_number<N>,
                  "chainrule: a plain number in an expression; write an exact constant: 3_c or "
                  "0.8_c (using namespace chainrule::literals;), or int_c<3>");
}
}  // namespace detail

// A plain number beside an expression (3 * x, x + 0.5) is one short error
// that names the fix: its exact value is not in its type.
template <class N, Expression A>
    requires detail::plain_number<N>
constexpr A operator+(N, A a) { return detail::reject_plain_number<N>(), a; }
template <Expression A, class N>
    requires detail::plain_number<N>
constexpr A operator+(A a, N) { return detail::reject_plain_number<N>(), a; }
template <class N, Expression A>
    requires detail::plain_number<N>
constexpr A operator-(N, A a) { return detail::reject_plain_number<N>(), a; }
template <Expression A, class N>
    requires detail::plain_number<N>
constexpr A operator-(A a, N) { return detail::reject_plain_number<N>(), a; }
template <class N, Expression A>
    requires detail::plain_number<N>
constexpr A operator*(N, A a) { return detail::reject_plain_number<N>(), a; }
template <Expression A, class N>
    requires detail::plain_number<N>
constexpr A operator*(A a, N) { return detail::reject_plain_number<N>(), a; }
template <class N, Expression A>
    requires detail::plain_number<N>
constexpr A operator/(N, A a) { return detail::reject_plain_number<N>(), a; }
template <Expression A, class N>
    requires detail::plain_number<N>
constexpr A operator/(A a, N) { return detail::reject_plain_number<N>(), a; }
template <Expression A, class N>
    requires detail::plain_number<N>
constexpr A pow(A a, N) { return detail::reject_plain_number<N>(), a; }

/// a raised to b, as Pow<A, B>: pow(f, int_c<3>).
template <Expression A, Expression B>
constexpr Pow<A, B> pow(A, B) {
    return {};
}
/// a raised to the integer N, as Pow<A, Int<N>>: pow<3>(f).
template <long long N, Expression A>
constexpr Pow<A, Int<N>> pow(A) {
    return {};
}

// The functions' own spellings, exp(a), sin(a), sigmoid(a), ..., live with
// each function, in functions/<name>.hpp.

/// The derivative of f by its only variable, as D<F>.
template <Expression F>
constexpr D<F> d(F) {
    return {};
}
/// The derivative of f by the variable v, as D<F, V>.
template <Expression F, Variable V>
constexpr D<F, V> d(F, V) {
    return {};
}
/// The N-th derivative of f by v, as D<F, V, N>: d<2>(f, x).
template <int N, Expression F, Variable V>
constexpr D<F, V, N> d(F, V) {
    return {};
}

}  // namespace chainrule
