#pragma once

// IEEE arithmetic that constant evaluation accepts: a + b, a - b, a * b and
// a / b with the results IEEE 754 gives at run time, NaN and the infinities
// included.
//
// Constant evaluation refuses some floating-point operations whose IEEE result
// is well defined: Clang any operation whose result is a NaN (NaN + 1,
// inf - inf, 0 * inf), GCC an operation that overflows (max * 2), divides by
// zero (1 / 0.0) or makes a NaN of numbers (inf - inf, 0 * inf). These
// functions find those cases first and return the IEEE result from
// std::numeric_limits; a product, quotient or sum that would overflow is
// computed scaled down by 4 (exactly: no bit is lost where overflow is
// possible) and rounded the way the hardware would. Every other case is the
// plain operator, so the value is the run-time value, bit for bit.
//
// At run time each function is the operator itself (the test of
// std::is_constant_evaluated() folds away).

#include <limits>
#include <type_traits>

#include "core.hpp"

namespace chainrule::math::detail {

template <class T>
inline constexpr T max_v = std::numeric_limits<T>::max();

template <class T>
constexpr T signed_inf(bool negative) noexcept {
    return negative ? -inf_v<T> : inf_v<T>;
}

template <class T>
constexpr T ieee_add_constant(T a, T b) noexcept {
    if (is_nan(a)) return a;
    if (is_nan(b)) return b;
    if (is_inf(a) || is_inf(b)) {
        if (is_inf(a) && is_inf(b) && sign_bit(a) != sign_bit(b)) return nan_v<T>;  // inf - inf
        return is_inf(a) ? a : b;
    }
    if (abs_v(a) > max_v<T> / 2 || abs_v(b) > max_v<T> / 2) {
        // a/2 + b/2 cannot overflow and rounds as (a + b)/2 would (halving is
        // exact here but for a subnormal operand, far below the result's ulp)
        const T h = a / 2 + b / 2;
        if (abs_v(h) > max_v<T> / 2) return signed_inf<T>(sign_bit(h));
        return h * 2;
    }
    return a + b;
}

template <class T>
constexpr T ieee_mul_constant(T a, T b) noexcept {
    if (is_nan(a)) return a;
    if (is_nan(b)) return b;
    const bool negative = sign_bit(a) != sign_bit(b);
    if (is_inf(a) || is_inf(b)) {
        if (a == 0 || b == 0) return nan_v<T>;  // 0 * inf
        return signed_inf<T>(negative);
    }
    const T x = abs_v(a), y = abs_v(b);
    if (x > 1 && y > 1 && x > max_v<T> / y / 2) {
        // |a b| is near the largest number or beyond: (a/4) b is exact in
        // scale (a/4 is a normal number) and cannot overflow
        if (x / 4 > max_v<T> / y / 2) return signed_inf<T>(negative);  // |a b| > 2 max
        const T q = (a / 4) * b;
        if (abs_v(q) > max_v<T> / 4) return signed_inf<T>(negative);
        return q * 4;
    }
    return a * b;
}

template <class T>
constexpr T ieee_div_constant(T a, T b) noexcept {
    if (is_nan(a)) return a;
    if (is_nan(b)) return b;
    const bool negative = sign_bit(a) != sign_bit(b);
    if (is_inf(a)) return is_inf(b) ? nan_v<T> : signed_inf<T>(negative);
    if (is_inf(b)) return negative ? -T(0) : T(0);
    if (b == 0) return a == 0 ? nan_v<T> : signed_inf<T>(negative);
    const T x = abs_v(a), y = abs_v(b);
    if (y < 1 && x > max_v<T> * y / 2) {
        // the quotient is near the largest number or beyond; a is then at
        // least max * denorm_min / 2, a normal number, so a/4 is exact
        if (x / 4 > max_v<T> * y / 2) return signed_inf<T>(negative);  // |a / b| > 2 max
        const T q = (a / 4) / b;
        if (abs_v(q) > max_v<T> / 4) return signed_inf<T>(negative);
        return q * 4;
    }
    return a / b;
}

/// a + b, a - b, a * b, a / b with IEEE results (NaN, +-inf) also during
/// constant evaluation; at run time the operators themselves.
template <class T>
constexpr T ieee_add(T a, T b) noexcept {
    if (std::is_constant_evaluated()) return ieee_add_constant(a, b);
    return a + b;
}
template <class T>
constexpr T ieee_sub(T a, T b) noexcept {
    if (std::is_constant_evaluated()) return ieee_add_constant(a, -b);
    return a - b;
}
template <class T>
constexpr T ieee_mul(T a, T b) noexcept {
    if (std::is_constant_evaluated()) return ieee_mul_constant(a, b);
    return a * b;
}
template <class T>
constexpr T ieee_div(T a, T b) noexcept {
    if (std::is_constant_evaluated()) return ieee_div_constant(a, b);
    return a / b;
}

}  // namespace chainrule::math::detail
