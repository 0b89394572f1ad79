#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct sigmoid_fn;

/// The logistic sigmoid of A: 1 / (1 + e^-A).
template <Expression A>
using Sigmoid = detail::apply_t<sigmoid_fn, A>;

/// The function sigmoid: d/dx s(u) = s(u) (1 - s(u)) u', the form backpropagation uses.
struct sigmoid_fn {
    static constexpr const char* name = "sigmoid";
    static constexpr const char* text = "sigma";
    static constexpr const char* latex = "\\sigma";

    template <class U>
    using derivative = Mul<Sigmoid<U>, Sub<Int<1>, Sigmoid<U>>>;

    template <class T>
    static constexpr T eval(T u) {
        // Written so that neither branch overflows: for u < 0, e^u / (1 + e^u)
        // keeps the tiny values of the left tail that 1 / (1 + e^-u) rounds to 0.
        if constexpr (std::floating_point<T>) {
            // (ieee_*: the operators, but NaN stays a value in constant evaluation)
            // (e^-|u| through the one function a polynomial in sigma(u) uses
            // too, so that the compiler computes it once for both)
            const T e = math::detail::exp_minus_magnitude(u);
            if (u < T(0)) return math::detail::ieee_div(e, math::detail::ieee_add(T(1), e));
            return math::detail::ieee_div(T(1), math::detail::ieee_add(T(1), e));
        } else {
            using std::exp;
            return T(1) / (T(1) + exp(-u));
        }
    }
};

namespace detail {
template <>
struct apply<sigmoid_fn, Int<0>> {
    using type = Ratio<1, 2>;
};
}  // namespace detail

/// The logistic sigmoid of a, as Sigmoid<A>.
template <Expression A>
constexpr Sigmoid<A> sigmoid(A) {
    return {};
}

}  // namespace chainrule
