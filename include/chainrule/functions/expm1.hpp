#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/exp.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct expm1_fn;

/// e^A - 1, accurate for small A.
template <Expression A>
using Expm1 = detail::apply_t<expm1_fn, A>;

/// The function expm1: d/dx (e^u - 1) = e^u u'.
struct expm1_fn {
    static constexpr const char* name = "expm1";

    template <class U>
    using derivative = Exp<U>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::expm1(u);
        } else {
            using std::expm1;  // a user scalar's expm1 is found by argument-dependent lookup
            return expm1(u);
        }
    }
};

namespace detail {
template <>
struct apply<expm1_fn, Int<0>> {
    using type = Int<0>;
};
}  // namespace detail

/// e^a - 1, as Expm1<A>.
template <Expression A>
constexpr Expm1<A> expm1(A) {
    return {};
}

}  // namespace chainrule
