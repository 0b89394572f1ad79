#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct log1p_fn;

/// ln(1 + A), accurate for small A.
template <Expression A>
using Log1p = detail::apply_t<log1p_fn, A>;

/// The function log1p: d/dx ln(1 + u) = u' / (1 + u). Below -1 the value is NaN at run time and a
/// compile error during constant evaluation; at -1 it is -inf.
struct log1p_fn {
    static constexpr const char* name = "log1p";

    template <class U>
    using derivative = Pow<Add<Int<1>, U>, Int<-1>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::log1p(u);
        } else {
            using std::log1p;  // a user scalar's log1p is found by argument-dependent lookup
            return log1p(u);
        }
    }
};

namespace detail {
template <>
struct apply<log1p_fn, Int<0>> {
    using type = Int<0>;
};
// A domain error known when the type is formed is reported then, naming the
// function (as during constant evaluation, where it would be one anyway).
template <Constant C>
    requires(C::numerator < -C::denominator)
struct apply<log1p_fn, C> {
    static_assert(!(C::numerator < -C::denominator),
                  "chainrule::Log1p<A>: A is a constant below -1, where log1p is undefined");
    using type = Call<log1p_fn, C>;
};
}  // namespace detail

/// ln(1 + a), as Log1p<A>.
template <Expression A>
constexpr Log1p<A> log1p(A) {
    return {};
}

}  // namespace chainrule
