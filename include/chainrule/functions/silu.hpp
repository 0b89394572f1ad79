#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/sigmoid.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct silu_fn;

/// The sigmoid linear unit (swish) of A: A sigmoid(A).
template <Expression A>
using Silu = detail::apply_t<silu_fn, A>;

/// The function silu: d/dx u s(u) = s(u) (1 + u (1 - s(u))) u', s the sigmoid; 1 - s(u) is the factor
/// of the sigmoid's own rule, so the two share it.
struct silu_fn {
    static constexpr const char* name = "silu";
    static constexpr const char* latex = "\\operatorname{SiLU}";

    template <class U>
    using derivative = Mul<Sigmoid<U>, Add<Int<1>, Mul<U, Sub<Int<1>, Sigmoid<U>>>>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) return math::detail::ieee_mul(u, sigmoid_fn::eval(u));  // NaN a value
        else return u * sigmoid_fn::eval(u);
    }
};

namespace detail {
template <>
struct apply<silu_fn, Int<0>> {
    using type = Int<0>;
};
}  // namespace detail

/// a sigmoid(a), as Silu<A>.
template <Expression A>
constexpr Silu<A> silu(A) {
    return {};
}

}  // namespace chainrule
