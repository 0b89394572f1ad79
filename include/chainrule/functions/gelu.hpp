#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/erfc.hpp"
#include "chainrule/functions/exp.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/pi.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct gelu_fn;

/// The Gaussian error linear unit of A, the erf form: A Phi(A), Phi the standard normal distribution
/// function (PyTorch's gelu with approximate='none').
template <Expression A>
using Gelu = detail::apply_t<gelu_fn, A>;

/// The function gelu: d/dx u Phi(u) = (Phi(u) + u phi(u)) u', phi(u) = e^(-u^2/2) / sqrt(2 pi). Phi(u)
/// is written erfc(-u/sqrt 2) / 2, which keeps its digits in the left tail where 1 + erf(u/sqrt 2)
/// would cancel.
struct gelu_fn {
    static constexpr const char* name = "gelu";
    static constexpr const char* latex = "\\operatorname{GELU}";

    template <class U>
    using derivative =
        Add<Mul<Rational<1, 2>, Erfc<Mul<Int<-1>, U, Pow<Int<2>, Rational<-1, 2>>>>>,
            Mul<U, Pow<Int<2>, Rational<-1, 2>>, Pow<Pi, Rational<-1, 2>>, Exp<Mul<Rational<-1, 2>, Pow<U, Int<2>>>>>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            // -u / sqrt 2 in long double, so that the argument of erfc is not
            // rounded to T first (erfc magnifies that error by 2 u^2 in the tail).
            using L = long double;
            constexpr L one_over_sqrt2 = 0.70710678118654752440084436210484903928L;
            if constexpr (sizeof(T) < sizeof(L)) {
                // (ieee_mul: u * ..., but gelu(-inf) = -inf * 0 and NaN stay
                // values in constant evaluation)
                const L v = static_cast<L>(u);
                return static_cast<T>(math::detail::ieee_mul(
                    v, math::detail::ieee_mul(math::erfc(math::detail::ieee_mul(-v, one_over_sqrt2)), L(0.5))));
            } else {
                return math::detail::ieee_mul(
                    u, math::detail::ieee_mul(math::erfc(math::detail::ieee_mul(-u, one_over_sqrt2)), L(0.5)));
            }
        } else {
            using std::erfc;
            using std::sqrt;
            return u * erfc(-u / sqrt(T(2))) / T(2);
        }
    }
};

namespace detail {
template <>
struct apply<gelu_fn, Int<0>> {
    using type = Int<0>;
};
}  // namespace detail

/// a Phi(a), as Gelu<A>.
template <Expression A>
constexpr Gelu<A> gelu(A) {
    return {};
}

}  // namespace chainrule
