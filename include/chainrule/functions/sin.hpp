#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/math.hpp"
#include "chainrule/functions/cos.hpp"
#include <cmath>
#include <concepts>

namespace chainrule {

struct sin_fn;

// Sin<A>, the sine of A (radians), is declared in cos.hpp, whose rule needs it.

/// The function sin: d/dx sin(u) = cos(u) u'.
struct sin_fn {
    static constexpr const char* name = "sin";
    static constexpr const char* latex = "\\sin";
    static constexpr const char* cpp = "std::sin";

    template <class U>
    using derivative = Cos<U>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::sin(u);
        } else {
            using std::sin;
            return sin(u);
        }
    }
};

namespace detail {
template <>
struct apply<sin_fn, Int<0>> {
    using type = Int<0>;
};
}  // namespace detail

}  // namespace chainrule
