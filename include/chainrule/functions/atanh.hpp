#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>
#include <type_traits>

namespace chainrule {

struct atanh_fn;

/// The inverse hyperbolic tangent of A (-1 < A < 1).
template <Expression A>
using Atanh = detail::apply_t<atanh_fn, A>;

namespace error {
/// Reached when atanh(1) or atanh(-1), a pole, is evaluated during constant
/// evaluation: not constexpr, so the compiler reports its name there.
inline void atanh_of_plus_or_minus_one_is_infinite() noexcept {}
}  // namespace error

/// The function atanh: d/dx atanh(u) = u' / (1 - u^2), written 1 / ((1 - u)(1 + u)). Outside [-1, 1]
/// the value is NaN at run time; at +-1 it is +-inf (a pole). During constant evaluation both are
/// compile errors.
struct atanh_fn {
    static constexpr const char* name = "atanh";
    static constexpr const char* latex = "\\operatorname{artanh}";

    template <class U>
    using derivative = Pow<Mul<Sub<Int<1>, U>, Add<Int<1>, U>>, Int<-1>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            if (std::is_constant_evaluated() && (u == T(1) || u == T(-1)))
                error::atanh_of_plus_or_minus_one_is_infinite();
            return math::atanh(u);
        } else {
            using std::atanh;
            return atanh(u);
        }
    }
};

namespace detail {
template <>
struct apply<atanh_fn, Int<0>> {
    using type = Int<0>;
};
// A domain error known when the type is formed is reported then, naming the
// function (as during constant evaluation, where it would be one anyway).
template <Constant C>
    requires(C::numerator > C::denominator || C::numerator < -C::denominator)
struct apply<atanh_fn, C> {
    static_assert(!(C::numerator > C::denominator || C::numerator < -C::denominator),
                  "chainrule::Atanh<A>: A is a constant outside [-1, 1], where atanh is undefined");
    using type = Call<atanh_fn, C>;
};
template <Constant C>
    requires(C::numerator == C::denominator || C::numerator == -C::denominator)
struct apply<atanh_fn, C> {
    static_assert(!(C::numerator == C::denominator || C::numerator == -C::denominator),
                  "chainrule::Atanh<A>: A is the constant 1 or -1, where atanh is infinite");
    using type = Call<atanh_fn, C>;
};
}  // namespace detail

/// atanh a, as Atanh<A>.
template <Expression A>
constexpr Atanh<A> atanh(A) {
    return {};
}

}  // namespace chainrule
