#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/step.hpp"

namespace chainrule {

struct relu_fn;

/// The rectified linear unit of A: max(A, 0). NaN stays NaN; relu(-0.0) is +0.
template <Expression A>
using Relu = detail::apply_t<relu_fn, A>;

/// The function relu: d/dx relu(u) = step(u) u'. At u = 0, where relu has no derivative, the rule gives
/// step(0): 0 by default, as PyTorch does (kinks.hpp).
struct relu_fn {
    static constexpr const char* name = "relu";

    template <class U>
    using derivative = Step<U>;

    template <class T>
    static constexpr T eval(T u) {
        // One test: NaN fails it and is returned as it is, -0.0 becomes +0.0.
        return u <= T(0) ? T(0) : u;
    }
};

namespace detail {
template <Constant C>
struct apply<relu_fn, C> {
    using type = if_t<(C::numerator > 0), C, Int<0>>;
};
}  // namespace detail

/// max(a, 0), as Relu<A>.
template <Expression A>
constexpr Relu<A> relu(A) {
    return {};
}

}  // namespace chainrule
