#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct cosh_fn;

/// The hyperbolic cosine of A.
template <Expression A>
using Cosh = detail::apply_t<cosh_fn, A>;

}  // namespace chainrule

// The headers of the functions the rule names; they may name this one, which
// is declared above, before they are read.
#include "chainrule/functions/sinh.hpp"

namespace chainrule {

/// The function cosh: d/dx cosh(u) = sinh(u) u'.
struct cosh_fn {
    static constexpr const char* name = "cosh";
    static constexpr const char* latex = "\\cosh";

    template <class U>
    using derivative = Sinh<U>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::cosh(u);
        } else {
            using std::cosh;  // a user scalar's cosh is found by argument-dependent lookup
            return cosh(u);
        }
    }
};

namespace detail {
template <>
struct apply<cosh_fn, Int<0>> {
    using type = Int<1>;
};
}  // namespace detail

/// cosh a, as Cosh<A>.
template <Expression A>
constexpr Cosh<A> cosh(A) {
    return {};
}

}  // namespace chainrule
