#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct tanh_fn;

/// The hyperbolic tangent of A.
template <Expression A>
using Tanh = detail::apply_t<tanh_fn, A>;

/// The function tanh: d/dx tanh(u) = (1 - tanh^2(u)) u'.
struct tanh_fn {
    static constexpr const char* name = "tanh";
    static constexpr const char* latex = "\\tanh";
    static constexpr const char* cpp = "std::tanh";

    template <class U>
    using derivative = Sub<Int<1>, Pow<Tanh<U>, Int<2>>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::tanh(u);
        } else {
            using std::tanh;  // a user scalar's tanh is found by argument-dependent lookup
            return tanh(u);
        }
    }
};

namespace detail {
template <>
struct apply<tanh_fn, Int<0>> {
    using type = Int<0>;
};
}  // namespace detail

/// tanh a, as Tanh<A>.
template <Expression A>
constexpr Tanh<A> tanh(A) {
    return {};
}

}  // namespace chainrule
