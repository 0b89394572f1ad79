#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/abs.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct softsign_fn;

/// The softsign of A: A / (1 + |A|).
template <Expression A>
using Softsign = detail::apply_t<softsign_fn, A>;

/// The function softsign: d/dx u / (1 + |u|) = u' / (1 + |u|)^2.
struct softsign_fn {
    static constexpr const char* name = "softsign";

    template <class U>
    using derivative = Pow<Add<Int<1>, Abs<U>>, Int<-2>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::detail::ieee_div(u, math::detail::ieee_add(T(1), math::abs(u)));  // inf/inf a value
        } else {
            using std::abs;
            return u / (T(1) + abs(u));
        }
    }
};

namespace detail {
template <Constant C>
struct apply<softsign_fn, C> {
    using type = constant_t<rational_mul(
        value_of<C>,
        make_rational(C::denominator, C::denominator + (C::numerator < 0 ? -C::numerator : C::numerator)))>;
};
}  // namespace detail

/// a / (1 + |a|), as Softsign<A>.
template <Expression A>
constexpr Softsign<A> softsign(A) {
    return {};
}

}  // namespace chainrule
