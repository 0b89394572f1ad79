#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/exp.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/step.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct elu_fn;

/// The exponential linear unit of A with alpha = 1: A for A > 0, e^A - 1 otherwise.
template <Expression A>
using Elu = detail::apply_t<elu_fn, A>;

/// The function elu: d/dx elu(u) = e^min(u, 0) u', written e^(u (1 - step(u))) so that no branch
/// overflows (e^800 is never formed). Its derivative is continuous; its second derivative jumps at 0,
/// where it is 1 - step(0): 1 by default, the left one, as PyTorch's (kinks.hpp).
struct elu_fn {
    static constexpr const char* name = "elu";
    static constexpr const char* latex = "\\operatorname{ELU}";

    template <class U>
    using derivative = Exp<Mul<U, Sub<Int<1>, Step<U>>>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return u > T(0) ? u : math::expm1(u);
        } else {
            using std::exp;
            return u > T(0) ? u : T(exp(u) - T(1));
        }
    }
};

namespace detail {
template <Constant C>
    requires(C::numerator >= 0)
struct apply<elu_fn, C> {
    using type = C;
};
}  // namespace detail

/// elu a, as Elu<A>.
template <Expression A>
constexpr Elu<A> elu(A) {
    return {};
}

}  // namespace chainrule
