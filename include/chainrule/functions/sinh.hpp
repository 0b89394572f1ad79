#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct sinh_fn;

/// The hyperbolic sine of A.
template <Expression A>
using Sinh = detail::apply_t<sinh_fn, A>;

}  // namespace chainrule

// The headers of the functions the rule names; they may name this one, which
// is declared above, before they are read.
#include "chainrule/functions/cosh.hpp"

namespace chainrule {

/// The function sinh: d/dx sinh(u) = cosh(u) u'.
struct sinh_fn {
    static constexpr const char* name = "sinh";
    static constexpr const char* latex = "\\sinh";

    template <class U>
    using derivative = Cosh<U>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::sinh(u);
        } else {
            using std::sinh;  // a user scalar's sinh is found by argument-dependent lookup
            return sinh(u);
        }
    }
};

namespace detail {
template <>
struct apply<sinh_fn, Int<0>> {
    using type = Int<0>;
};
}  // namespace detail

/// sinh a, as Sinh<A>.
template <Expression A>
constexpr Sinh<A> sinh(A) {
    return {};
}

}  // namespace chainrule
