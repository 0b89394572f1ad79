#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct sqrt_fn;

/// The square root of A.
template <Expression A>
using Sqrt = detail::apply_t<sqrt_fn, A>;

/// The function sqrt: d/dx sqrt(u) = u' / (2 sqrt(u)). Its derivative at 0 is +inf (1/0), as IEEE
/// division gives.
struct sqrt_fn {
    static constexpr const char* name = "sqrt";
    static constexpr const char* latex = "\\sqrt{#}";
    static constexpr const char* mathml = "<msqrt>#</msqrt>";
    static constexpr const char* cpp = "std::sqrt";

    template <class U>
    using derivative = Div<Int<1>, Mul<Int<2>, Sqrt<U>>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::sqrt(u);
        } else {
            using std::sqrt;  // a user scalar's sqrt is found by argument-dependent lookup
            return sqrt(u);
        }
    }
};

namespace detail {
template <>
struct apply<sqrt_fn, Int<0>> {
    using type = Int<0>;
};
template <>
struct apply<sqrt_fn, Int<1>> {
    using type = Int<1>;
};
// A domain error known when the type is formed is reported then, naming the
// function (as during constant evaluation, where it would be one anyway).
template <Constant C>
    requires(C::numerator < 0)
struct apply<sqrt_fn, C> {
    static_assert(
        !(C::numerator < 0),
        "chainrule::Sqrt<A>: A is a negative constant, and the square root of a negative number is undefined");
    using type = Call<sqrt_fn, C>;
};
}  // namespace detail

/// sqrt(a), as Sqrt<A>.
template <Expression A>
constexpr Sqrt<A> sqrt(A) {
    return {};
}

}  // namespace chainrule
