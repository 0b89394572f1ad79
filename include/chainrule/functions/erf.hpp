#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/exp.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/pi.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct erf_fn;

/// The error function of A.
template <Expression A>
using Erf = detail::apply_t<erf_fn, A>;

/// The function erf: d/dx erf(u) = 2/sqrt(pi) e^(-u^2) u'.
struct erf_fn {
    static constexpr const char* name = "erf";

    template <class U>
    using derivative = Mul<Int<2>, Pow<Pi, Rational<-1, 2>>, Exp<Neg<Pow<U, Int<2>>>>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::erf(u);
        } else {
            using std::erf;  // a user scalar's erf is found by argument-dependent lookup
            return erf(u);
        }
    }
};

namespace detail {
template <>
struct apply<erf_fn, Int<0>> {
    using type = Int<0>;
};
}  // namespace detail

/// erf a, as Erf<A>.
template <Expression A>
constexpr Erf<A> erf(A) {
    return {};
}

}  // namespace chainrule
