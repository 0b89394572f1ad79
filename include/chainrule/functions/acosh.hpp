#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct acosh_fn;

/// The inverse hyperbolic cosine of A (A >= 1), in [0, inf).
template <Expression A>
using Acosh = detail::apply_t<acosh_fn, A>;

/// The function acosh: d/dx acosh(u) = u' / sqrt(u^2 - 1), written ((u - 1)(u + 1))^(-1/2), which keeps
/// its digits near u = 1. Below 1 the value is NaN at run time and a compile error during constant
/// evaluation.
struct acosh_fn {
    static constexpr const char* name = "acosh";
    static constexpr const char* latex = "\\operatorname{arcosh}";

    template <class U>
    using derivative = Pow<Mul<Add<U, Int<-1>>, Add<U, Int<1>>>, Rational<-1, 2>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::acosh(u);
        } else {
            using std::acosh;  // a user scalar's acosh is found by argument-dependent lookup
            return acosh(u);
        }
    }
};

namespace detail {
template <>
struct apply<acosh_fn, Int<1>> {
    using type = Int<0>;
};
// A domain error known when the type is formed is reported then, naming the
// function (as during constant evaluation, where it would be one anyway).
template <Constant C>
    requires(C::numerator < C::denominator)
struct apply<acosh_fn, C> {
    static_assert(!(C::numerator < C::denominator),
                  "chainrule::Acosh<A>: A is a constant below 1, where acosh is undefined");
    using type = Call<acosh_fn, C>;
};
}  // namespace detail

/// acosh a, as Acosh<A>.
template <Expression A>
constexpr Acosh<A> acosh(A) {
    return {};
}

}  // namespace chainrule
