#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/pi.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct asin_fn;

/// The arc sine of A, in [-pi/2, pi/2].
template <Expression A>
using Asin = detail::apply_t<asin_fn, A>;

/// The function asin: d/dx asin(u) = u' / sqrt(1 - u^2), written ((1 - u)(1 + u))^(-1/2), which keeps
/// its digits near u = +-1 where 1 - u^2 would cancel. Outside [-1, 1] the value is NaN at run time and
/// a compile error during constant evaluation.
struct asin_fn {
    static constexpr const char* name = "asin";
    static constexpr const char* latex = "\\arcsin";

    template <class U>
    using derivative = Pow<Mul<Sub<Int<1>, U>, Add<Int<1>, U>>, Rational<-1, 2>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::asin(u);
        } else {
            using std::asin;  // a user scalar's asin is found by argument-dependent lookup
            return asin(u);
        }
    }
};

namespace detail {
template <>
struct apply<asin_fn, Int<0>> {
    using type = Int<0>;
};
template <>
struct apply<asin_fn, Int<1>> {
    using type = multiply_t<Ratio<1, 2>, Pi>;
};
template <>
struct apply<asin_fn, Int<-1>> {
    using type = multiply_t<Ratio<-1, 2>, Pi>;
};
template <>
struct apply<asin_fn, Ratio<1, 2>> {
    using type = multiply_t<Ratio<1, 6>, Pi>;
};
template <>
struct apply<asin_fn, Ratio<-1, 2>> {
    using type = multiply_t<Ratio<-1, 6>, Pi>;
};
// A domain error known when the type is formed is reported then, naming the
// function (as during constant evaluation, where it would be one anyway).
template <Constant C>
    requires(C::numerator > C::denominator || C::numerator < -C::denominator)
struct apply<asin_fn, C> {
    static_assert(!(C::numerator > C::denominator || C::numerator < -C::denominator),
                  "chainrule::Asin<A>: A is a constant outside [-1, 1], where asin is undefined");
    using type = Call<asin_fn, C>;
};
}  // namespace detail

/// asin a, as Asin<A>.
template <Expression A>
constexpr Asin<A> asin(A) {
    return {};
}

}  // namespace chainrule
