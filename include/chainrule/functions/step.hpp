#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/kinks.hpp"

#include <concepts>

namespace chainrule {

struct step_fn;

/// The Heaviside step of A: 1 where A > 0, 0 where A < 0 (NaN stays NaN). It is the derivative of Relu;
/// at 0 it takes the kink policy's value (kinks.hpp): 0 by default, as PyTorch's derivative of relu.
template <Expression A>
using Step = detail::apply_t<step_fn, A>;

/// The function step: its derivative is 0 wherever it exists (everywhere but 0, where it has a jump);
/// like PyTorch we use 0 there too.
struct step_fn {
    static constexpr const char* name = "step";

    template <class U>
    using derivative = Int<0>;

    template <class T>
    static constexpr T eval(T u) {
        if (u > T(0)) return T(1);
        if (u < T(0)) return T(0);
        if (u == T(0)) return T(kink_policy::step_at_zero.num) / T(kink_policy::step_at_zero.den);
        return u;  // NaN
    }
};

namespace detail {
template <Constant C>
struct apply<step_fn, C> {
    using type =
        if_t<(C::numerator > 0), Int<1>, if_t<(C::numerator < 0), Int<0>, constant_t<kink_policy::step_at_zero>>>;
};
}  // namespace detail

/// The Heaviside step of a, as Step<A>.
template <Expression A>
constexpr Step<A> step(A) {
    return {};
}

}  // namespace chainrule
