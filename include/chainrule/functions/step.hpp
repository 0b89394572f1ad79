#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"


namespace chainrule {

struct step_fn;

/// The Heaviside step of A: 1 where A > 0, 0 where A <= 0 (NaN stays NaN).
/// It is the derivative of Relu, and takes the value 0 at 0 as PyTorch does.
template <Expression A>
using Step = detail::apply_t<step_fn, A>;

/// The function step: its derivative is 0 wherever it exists (everywhere but
/// 0, where it has a jump); like PyTorch we use 0 there too.
struct step_fn {
    static constexpr const char* name = "step";

    template <class U>
    using derivative = Int<0>;

    template <class T>
    static constexpr T eval(T u) {
        if (u > T(0)) return T(1);
        if (u <= T(0)) return T(0);
        return u;  // NaN
    }
};

namespace detail {
template <Constant C>
struct apply<step_fn, C> {
    using type = Int<(C::numerator > 0 ? 1 : 0)>;
};
}  // namespace detail

}  // namespace chainrule
