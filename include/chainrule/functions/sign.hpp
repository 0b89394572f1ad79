#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/kinks.hpp"

#include <concepts>

namespace chainrule {

struct sign_fn;

/// The sign of A: -1, 0 or 1 (NaN stays NaN). It is the derivative of Abs; at 0 it takes the kink
/// policy's value (kinks.hpp): 0 by default, as PyTorch's derivative of abs.
template <Expression A>
using Sign = detail::apply_t<sign_fn, A>;

/// The function sign: its derivative is 0 wherever it exists (everywhere but 0, where it jumps); we use
/// 0 there too.
struct sign_fn {
    static constexpr const char* name = "sign";
    static constexpr const char* latex = "\\operatorname{sgn}";

    template <class U>
    using derivative = Int<0>;

    template <class T>
    static constexpr T eval(T u) {
        if (u > T(0)) return T(1);
        if (u < T(0)) return T(-1);
        if (u == T(0)) return T(kink_policy::sign_at_zero.num) / T(kink_policy::sign_at_zero.den);
        return u;  // NaN
    }
};

namespace detail {
template <Constant C>
struct apply<sign_fn, C> {
    using type =
        if_t<(C::numerator > 0), Int<1>, if_t<(C::numerator < 0), Int<-1>, constant_t<kink_policy::sign_at_zero>>>;
};
}  // namespace detail

/// The sign of a, as Sign<A>.
template <Expression A>
constexpr Sign<A> sign(A) {
    return {};
}

}  // namespace chainrule
