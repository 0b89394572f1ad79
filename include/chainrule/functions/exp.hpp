#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct exp_fn;

/// e raised to A.
template <Expression A>
using Exp = detail::apply_t<exp_fn, A>;

/// The function exp: d/dx e^u = e^u u'. It is its own derivative.
struct exp_fn {
    static constexpr const char* name = "exp";
    static constexpr const char* latex = "e^{#}";
    static constexpr const char* mathml = "<msup><mi>e</mi><mrow>#</mrow></msup>";
    static constexpr const char* cpp = "std::exp";

    template <class U>
    using derivative = Exp<U>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::exp(u);
        } else {
            using std::exp;  // a user scalar's exp is found by argument-dependent lookup
            return exp(u);
        }
    }
};

namespace detail {
template <>
struct apply<exp_fn, Int<0>> {
    using type = Int<1>;
};
}  // namespace detail

/// e^a, as Exp<A>.
template <Expression A>
constexpr Exp<A> exp(A) {
    return {};
}

}  // namespace chainrule
