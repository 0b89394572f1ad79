#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/hypot.hpp"
#include "chainrule/functions/pi.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct atan2_fn;

/// The angle of the point (X, Y) from the positive x axis, in [-pi, pi]:
/// atan2(y, x), the arc tangent of Y/X in the right quadrant.
template <Expression Y, Expression X>
using Atan2 = detail::apply_t<atan2_fn, Y, X>;

/// The function atan2: d atan2(y, x) = (x dy - y dx) / (x^2 + y^2), written
/// with hypot(y, x)^2, which keeps the partials finite where x^2 + y^2 would
/// overflow. At (0, 0), where it has no derivative, they are 0/0 = NaN.
struct atan2_fn {
    static constexpr const char* name = "atan2";

    template <class Y, class X>
    using derivative = Partials<Mul<X, Pow<Hypot<Y, X>, Int<-2>>>, Neg<Mul<Y, Pow<Hypot<Y, X>, Int<-2>>>>>;

    template <class T>
    static constexpr T eval(T y, T x) {
        if constexpr (std::floating_point<T>) {
            return math::atan2(y, x);
        } else {
            using std::atan2;
            return atan2(y, x);
        }
    }
};

namespace detail {
// atan2 of exact constants on the axes and the diagonals: multiples of pi/4.
template <Constant Y, Constant X>
constexpr exact_value atan2_of_constants() {
    constexpr int sy = (Y::numerator > 0) - (Y::numerator < 0), sx = (X::numerator > 0) - (X::numerator < 0);
    if (sy == 0 && sx > 0) return {true, {0, 1}};
    if (sy == 0 && sx < 0) return {true, {1, 1}};
    if (sx == 0 && sy != 0) return {true, {sy, 2}};
    if (sx != 0 && sy != 0 && rational_compare(value_of<Y>, value_of<X>) * sy * sx == 0)
        return {true, {sy * (sx > 0 ? 1 : 3), 4}};  // |y| = |x|
    if (sx != 0 && sy != 0 && Y::numerator == -X::numerator && Y::denominator == X::denominator)
        return {true, {sy * (sx > 0 ? 1 : 3), 4}};
    return {};
}
template <Constant Y, Constant X>
    requires(atan2_of_constants<Y, X>().exact)
struct apply<atan2_fn, Y, X> {
    using type = multiply_t<constant_t<atan2_of_constants<Y, X>().value>, Pi>;
};
}  // namespace detail

/// atan2(y, x), as Atan2<Y, X>.
template <Expression Y, Expression X>
constexpr Atan2<Y, X> atan2(Y, X) {
    return {};
}

}  // namespace chainrule
