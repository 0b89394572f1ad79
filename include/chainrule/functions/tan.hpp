#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/pi.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct tan_fn;

/// The tangent of A (radians).
template <Expression A>
using Tan = detail::apply_t<tan_fn, A>;

/// The function tan: d/dx tan(u) = (1 + tan^2(u)) u', which is sec^2(u) u' written with tan alone.
struct tan_fn {
    static constexpr const char* name = "tan";
    static constexpr const char* latex = "\\tan";
    static constexpr const char* cpp = "std::tan";

    template <class U>
    using derivative = Add<Int<1>, Pow<Tan<U>, Int<2>>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::tan(u);
        } else {
            using std::tan;  // a user scalar's tan is found by argument-dependent lookup
            return tan(u);
        }
    }
};

namespace detail {
template <>
struct apply<tan_fn, Int<0>> {
    using type = Int<0>;
};
// tan(r pi) where it is rational: 0 at multiples of pi, +-1 at pi/4 + k pi/2.
template <class A>
    requires(pi_multiple<A>::value&& tan_of_pi_multiple(pi_multiple<A>::r).exact)
struct apply<tan_fn, A> {
    using type = constant_t<tan_of_pi_multiple(pi_multiple<A>::r).value>;
};
}  // namespace detail

/// tan a, as Tan<A>.
template <Expression A>
constexpr Tan<A> tan(A) {
    return {};
}

}  // namespace chainrule
