#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/leaky_relu.hpp"

namespace chainrule {

template <Constant AtZero>
struct heaviside_fn;

/// The Heaviside step of A with the value AtZero at 0: 1 where A > 0, 0 where
/// A < 0 (NaN stays NaN). The partial derivatives of Max and Min are
/// Heaviside steps of the difference of their arguments, AtZero being the
/// kink policy's share of a tie (kinks.hpp). Step<A> is the derivative of
/// relu, with the policy's step(0).
template <Expression A, Constant AtZero>
using Heaviside = detail::apply_t<heaviside_fn<AtZero>, A>;

/// The function heaviside: its derivative is 0 wherever it exists.
template <Constant AtZero>
struct heaviside_fn {
    static constexpr const char* name = "heaviside";
    static constexpr const char* text = "H";
    static constexpr const char* latex = "H";
    /// Heaviside steps of different values at 0 are different functions.
    static constexpr const char* key = detail::rational_key<AtZero::numerator, AtZero::denominator>::value.c;

    template <class U>
    using derivative = Int<0>;

    template <class T>
    static constexpr T eval(T u) {
        if (u > T(0)) return T(1);
        if (u < T(0)) return T(0);
        if (u == T(0)) return T(AtZero::numerator) / T(AtZero::denominator);
        return u;  // NaN
    }
};

namespace detail {
template <Constant C, Constant AtZero>
struct apply<heaviside_fn<AtZero>, C> {
    using type = if_t<(C::numerator > 0), Int<1>, if_t<(C::numerator < 0), Int<0>, AtZero>>;
};
}  // namespace detail

/// heaviside(a) with the value AtZero at 0, as Heaviside<A, AtZero>.
template <Constant AtZero, Expression A>
constexpr Heaviside<A, AtZero> heaviside(A) {
    return {};
}

}  // namespace chainrule
