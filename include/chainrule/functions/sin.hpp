#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/pi.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct sin_fn;

/// The sine of A (radians).
template <Expression A>
using Sin = detail::apply_t<sin_fn, A>;

}  // namespace chainrule

// The headers of the functions the rule names; they may name this one, which
// is declared above, before they are read.
#include "chainrule/functions/cos.hpp"

namespace chainrule {

/// The function sin: d/dx sin(u) = cos(u) u'.
struct sin_fn {
    static constexpr const char* name = "sin";
    static constexpr const char* latex = "\\sin";
    static constexpr const char* cpp = "std::sin";

    template <class U>
    using derivative = Cos<U>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::sin(u);
        } else {
            using std::sin;  // a user scalar's sin is found by argument-dependent lookup
            return sin(u);
        }
    }
};

namespace detail {
template <>
struct apply<sin_fn, Int<0>> {
    using type = Int<0>;
};
// sin(r pi) where it is rational: Sin<Pi> is Int<0>, Sin<Mul<Rational<1, 6>, Pi>> is Rational<1, 2>.
template <class A>
    requires(pi_multiple<A>::value&& sin_of_pi_multiple(pi_multiple<A>::r).exact)
struct apply<sin_fn, A> {
    using type = constant_t<sin_of_pi_multiple(pi_multiple<A>::r).value>;
};
}  // namespace detail

/// sin a, as Sin<A>.
template <Expression A>
constexpr Sin<A> sin(A) {
    return {};
}

}  // namespace chainrule
