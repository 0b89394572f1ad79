#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/pi.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct cos_fn;

/// The cosine of A (radians).
template <Expression A>
using Cos = detail::apply_t<cos_fn, A>;

}  // namespace chainrule

// The headers of the functions the rule names; they may name this one, which
// is declared above, before they are read.
#include "chainrule/functions/sin.hpp"

namespace chainrule {

/// The function cos: d/dx cos(u) = -sin(u) u'.
struct cos_fn {
    static constexpr const char* name = "cos";
    static constexpr const char* latex = "\\cos";
    static constexpr const char* cpp = "std::cos";

    template <class U>
    using derivative = Neg<Sin<U>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::cos(u);
        } else {
            using std::cos;  // a user scalar's cos is found by argument-dependent lookup
            return cos(u);
        }
    }
};

namespace detail {
template <>
struct apply<cos_fn, Int<0>> {
    using type = Int<1>;
};
// cos(r pi) = sin((r + 1/2) pi) where it is rational: Cos<Pi> is Int<-1>.
template <class A>
    requires(pi_multiple<A>::value&& sin_of_pi_multiple(rational_add(pi_multiple<A>::r, rational{1, 2})).exact)
struct apply<cos_fn, A> {
    using type = constant_t<sin_of_pi_multiple(rational_add(pi_multiple<A>::r, rational{1, 2})).value>;
};
}  // namespace detail

/// cos a, as Cos<A>.
template <Expression A>
constexpr Cos<A> cos(A) {
    return {};
}

}  // namespace chainrule
