#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/sign.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct abs_fn;

/// The absolute value of A.
template <Expression A>
using Abs = detail::apply_t<abs_fn, A>;

/// The function abs: d/dx |u| = sign(u) u'. At u = 0, where |u| has no derivative, the rule gives
/// sign(0): 0 by default, as PyTorch does (kinks.hpp).
struct abs_fn {
    static constexpr const char* name = "abs";
    static constexpr const char* latex = "\\left|#\\right|";
    static constexpr const char* mathml = "<mrow><mo>|</mo>#<mo>|</mo></mrow>";
    static constexpr const char* cpp = "std::abs";

    template <class U>
    using derivative = Sign<U>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::abs(u);
        } else {
            using std::abs;  // a user scalar's abs is found by argument-dependent lookup
            return abs(u);
        }
    }
};

namespace detail {
template <Constant C>
struct apply<abs_fn, C> {
    using type = constant_t<rational{C::numerator < 0 ? -C::numerator : C::numerator, C::denominator}>;
};
}  // namespace detail

/// |a|, as Abs<A>.
template <Expression A>
constexpr Abs<A> abs(A) {
    return {};
}

}  // namespace chainrule
