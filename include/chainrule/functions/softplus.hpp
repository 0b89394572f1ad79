#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/log.hpp"
#include "chainrule/functions/sigmoid.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct softplus_fn;

/// The softplus of A: ln(1 + e^A), a smooth relu.
template <Expression A>
using Softplus = detail::apply_t<softplus_fn, A>;

/// The function softplus: d/dx ln(1 + e^u) = sigmoid(u) u'. Computed as u + ln(1 + e^-u) for u > 0 and
/// ln(1 + e^u) otherwise, so that neither tail overflows: softplus(800) is 800, and its derivative 1.
struct softplus_fn {
    static constexpr const char* name = "softplus";

    template <class U>
    using derivative = Sigmoid<U>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            if (u > T(0)) return u + math::log1p(math::exp(-u));
            return math::log1p(math::exp(u));
        } else {
            using std::exp;
            using std::log;
            return log(T(1) + exp(u));
        }
    }
};

namespace detail {
template <>
struct apply<softplus_fn, Int<0>> {
    using type = Log<Int<2>>;
};
}  // namespace detail

/// ln(1 + e^a), as Softplus<A>.
template <Expression A>
constexpr Softplus<A> softplus(A) {
    return {};
}

}  // namespace chainrule
