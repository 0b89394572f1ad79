#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"


namespace chainrule {

struct sign_fn;

/// The sign of A: -1, 0 or 1 (NaN stays NaN). It is the derivative of Abs,
/// and is 0 at 0 as PyTorch's derivative of abs is.
template <Expression A>
using Sign = detail::apply_t<sign_fn, A>;

/// The function sign: its derivative is 0 wherever it exists (everywhere but
/// 0, where it jumps); we use 0 there too.
struct sign_fn {
    static constexpr const char* name = "sign";

    template <class U>
    using derivative = Int<0>;

    template <class T>
    static constexpr T eval(T u) {
        if (u > T(0)) return T(1);
        if (u < T(0)) return T(-1);
        if (u == T(0)) return T(0);
        return u;  // NaN
    }
};

namespace detail {
template <Constant C>
struct apply<sign_fn, C> {
    using type = Int<(C::numerator > 0) - (C::numerator < 0)>;
};
}  // namespace detail

}  // namespace chainrule
