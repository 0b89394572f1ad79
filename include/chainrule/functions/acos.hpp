#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/pi.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct acos_fn;

/// The arc cosine of A, in [0, pi].
template <Expression A>
using Acos = detail::apply_t<acos_fn, A>;

/// The function acos: d/dx acos(u) = -u' / sqrt(1 - u^2), written with ((1 - u)(1 + u))^(-1/2) as
/// asin's. Outside [-1, 1] the value is NaN at run time and a compile error during constant evaluation.
struct acos_fn {
    static constexpr const char* name = "acos";
    static constexpr const char* latex = "\\arccos";

    template <class U>
    using derivative = Neg<Pow<Mul<Sub<Int<1>, U>, Add<Int<1>, U>>, Rational<-1, 2>>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::acos(u);
        } else {
            using std::acos;  // a user scalar's acos is found by argument-dependent lookup
            return acos(u);
        }
    }
};

namespace detail {
template <>
struct apply<acos_fn, Int<1>> {
    using type = Int<0>;
};
template <>
struct apply<acos_fn, Int<0>> {
    using type = multiply_t<Ratio<1, 2>, Pi>;
};
template <>
struct apply<acos_fn, Int<-1>> {
    using type = Pi;
};
template <>
struct apply<acos_fn, Ratio<1, 2>> {
    using type = multiply_t<Ratio<1, 3>, Pi>;
};
template <>
struct apply<acos_fn, Ratio<-1, 2>> {
    using type = multiply_t<Ratio<2, 3>, Pi>;
};
// A domain error known when the type is formed is reported then, naming the
// function (as during constant evaluation, where it would be one anyway).
template <Constant C>
    requires(C::numerator > C::denominator || C::numerator < -C::denominator)
struct apply<acos_fn, C> {
    static_assert(!(C::numerator > C::denominator || C::numerator < -C::denominator),
                  "chainrule::Acos<A>: A is a constant outside [-1, 1], where acos is undefined");
    using type = Call<acos_fn, C>;
};
}  // namespace detail

/// acos a, as Acos<A>.
template <Expression A>
constexpr Acos<A> acos(A) {
    return {};
}

}  // namespace chainrule
