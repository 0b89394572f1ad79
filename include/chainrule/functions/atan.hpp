#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/pi.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct atan_fn;

/// The arc tangent of A, in (-pi/2, pi/2).
template <Expression A>
using Atan = detail::apply_t<atan_fn, A>;

/// The function atan: d/dx atan(u) = u' / (1 + u^2).
struct atan_fn {
    static constexpr const char* name = "atan";
    static constexpr const char* latex = "\\arctan";

    template <class U>
    using derivative = Pow<Add<Int<1>, Pow<U, Int<2>>>, Int<-1>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::atan(u);
        } else {
            using std::atan;  // a user scalar's atan is found by argument-dependent lookup
            return atan(u);
        }
    }
};

namespace detail {
template <>
struct apply<atan_fn, Int<0>> {
    using type = Int<0>;
};
template <>
struct apply<atan_fn, Int<1>> {
    using type = multiply_t<Ratio<1, 4>, Pi>;
};
template <>
struct apply<atan_fn, Int<-1>> {
    using type = multiply_t<Ratio<-1, 4>, Pi>;
};
}  // namespace detail

/// atan a, as Atan<A>.
template <Expression A>
constexpr Atan<A> atan(A) {
    return {};
}

}  // namespace chainrule
