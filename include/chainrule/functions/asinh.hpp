#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct asinh_fn;

/// The inverse hyperbolic sine of A.
template <Expression A>
using Asinh = detail::apply_t<asinh_fn, A>;

/// The function asinh: d/dx asinh(u) = u' / sqrt(u^2 + 1).
struct asinh_fn {
    static constexpr const char* name = "asinh";
    static constexpr const char* latex = "\\operatorname{arsinh}";

    template <class U>
    using derivative = Pow<Add<Pow<U, Int<2>>, Int<1>>, Rational<-1, 2>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::asinh(u);
        } else {
            using std::asinh;  // a user scalar's asinh is found by argument-dependent lookup
            return asinh(u);
        }
    }
};

namespace detail {
template <>
struct apply<asinh_fn, Int<0>> {
    using type = Int<0>;
};
}  // namespace detail

/// asinh a, as Asinh<A>.
template <Expression A>
constexpr Asinh<A> asinh(A) {
    return {};
}

}  // namespace chainrule
