#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/exp.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/pi.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct erfc_fn;

/// The complementary error function of A, 1 - erf(A), accurate where it is tiny.
template <Expression A>
using Erfc = detail::apply_t<erfc_fn, A>;

/// The function erfc: d/dx erfc(u) = -2/sqrt(pi) e^(-u^2) u'.
struct erfc_fn {
    static constexpr const char* name = "erfc";

    template <class U>
    using derivative = Mul<Int<-2>, Pow<Pi, Rational<-1, 2>>, Exp<Neg<Pow<U, Int<2>>>>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::erfc(u);
        } else {
            using std::erfc;  // a user scalar's erfc is found by argument-dependent lookup
            return erfc(u);
        }
    }
};

namespace detail {
template <>
struct apply<erfc_fn, Int<0>> {
    using type = Int<1>;
};
}  // namespace detail

/// erfc a, as Erfc<A>.
template <Expression A>
constexpr Erfc<A> erfc(A) {
    return {};
}

}  // namespace chainrule
