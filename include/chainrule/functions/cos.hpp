#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct cos_fn;
struct sin_fn;

// Sin is defined in sin.hpp, which includes this header; cos' rule needs its name.
template <Expression A>
using Sin = detail::apply_t<sin_fn, A>;

/// The cosine of A (radians).
template <Expression A>
using Cos = detail::apply_t<cos_fn, A>;

/// The function cos: d/dx cos(u) = -sin(u) u'.
struct cos_fn {
    static constexpr const char* name = "cos";
    static constexpr const char* latex = "\\cos";
    static constexpr const char* cpp = "std::cos";

    template <class U>
    using derivative = Neg<Sin<U>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::cos(u);
        } else {
            using std::cos;
            return cos(u);
        }
    }
};

namespace detail {
template <>
struct apply<cos_fn, Int<0>> {
    using type = Int<1>;
};
}  // namespace detail

}  // namespace chainrule

#include "chainrule/functions/sin.hpp"
