#pragma once

// chainrule/math.hpp -- constexpr elementary functions that match <cmath>.
//
// Every function f(x) below is `constexpr` and behaves as follows:
//   * during constant evaluation it runs chainrule's own implementation
//     (detail::f_impl), accurate to <= 1 ulp for float and double, with the
//     special values of <cmath> (NaN, +-inf, signed zeros, overflow to inf,
//     poles such as log(0) = -inf);
//   * at run time the call *is* the <cmath> call (std::f), so it costs nothing
//     more than calling <cmath> directly.
// The <cmath> functions themselves are not constexpr in standard C++20 (GCC
// evaluates some as an extension, Clang none), so they are never relied on
// during constant evaluation.
//
// Domain errors during constant evaluation (log of a negative number, sqrt of
// a negative number, acos(2), sin(inf), ...) are compile errors that name the
// function and the problem, e.g.
//   call to non-constexpr function
//   'chainrule::math::error::log_of_a_negative_number_is_undefined()'
// At run time such calls return what <cmath> returns (NaN).  NaN arguments are
// not errors: they propagate silently, as in <cmath>.
//
// Types: float, double and long double (x87 80-bit on x86-64).  See
// docs/math.md for the measured accuracy of each function and type.

#include <cmath>
#include <concepts>
#include <type_traits>

#include "math/detail/ieee.hpp"
#include "math/detail/impl.hpp"

namespace chainrule::math {

// ---------------------------------------------------------------------------
// Classification and sign helpers: constexpr at compile time and at run time
// (no compiler builtins; float/double use std::bit_cast).
// ---------------------------------------------------------------------------

/// True if x is a NaN.
template <std::floating_point T>
constexpr bool isnan(T x) noexcept {
    return detail::is_nan(x);
}

/// True if x is +inf or -inf.
template <std::floating_point T>
constexpr bool isinf(T x) noexcept {
    return detail::is_inf(x);
}

/// True if x is neither infinite nor NaN.
template <std::floating_point T>
constexpr bool isfinite(T x) noexcept {
    return detail::is_finite(x);
}

/// True if the sign bit of x is set (also for -0.0 and negative NaNs).
template <std::floating_point T>
constexpr bool signbit(T x) noexcept {
    return detail::sign_bit(x);
}

/// |x|, clearing the sign of -0.0 too (abs(-0.0) == +0.0).
template <std::floating_point T>
constexpr T abs(T x) noexcept {
    return detail::abs_v(x);
}

/// The magnitude of mag with the sign of sgn (also for zeros and NaNs).
template <std::floating_point T>
constexpr T copysign(T mag, T sgn) noexcept {
    return detail::copy_sign(mag, sgn);
}

// ---------------------------------------------------------------------------
// Elementary functions.
// ---------------------------------------------------------------------------

/// e raised to the power x.
/// Domain: all x; overflows to +inf above ~709.78 (double), underflows to +0 below ~-745.13.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::exp.
template <std::floating_point T>
constexpr T exp(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::exp_impl(x);
    else return std::exp(x);
}

namespace detail {
// e^(-|x|) at run time: declared const (its value is of x alone: it never
// overflows, and the errno an underflow may set is not the library's to
// observe) and kept out of line, so that the compiler merges the calls at
// one x into one exp: sigma(u) and a polynomial in sigma(u)
// (detail/stable.hpp) in one expression, as in the derivative of x sigma(x),
// each need e^(-|u|).
template <std::floating_point T>
[[gnu::const, gnu::noinline]] T exp_minus_magnitude_at_run_time(T x) noexcept {
    return std::exp(x < T(0) ? x : -x);
}

// e^(-|x|) (for x < 0 e^x, else e^-x; NaN for NaN), one exp.
template <std::floating_point T>
constexpr T exp_minus_magnitude(T x) noexcept {
    if (std::is_constant_evaluated()) return exp_impl(x < T(0) ? x : -x);
    else return exp_minus_magnitude_at_run_time(x);
}
}  // namespace detail

/// 2 raised to the power x.
/// Domain: all x; overflows to +inf at x >= 1024 (double).
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::exp2.
template <std::floating_point T>
constexpr T exp2(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::exp2_impl(x);
    else return std::exp2(x);
}

/// e^x - 1, accurate for small |x|.
/// Domain: all x; -1 at -inf.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::expm1.
template <std::floating_point T>
constexpr T expm1(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::expm1_impl(x);
    else return std::expm1(x);
}

/// Natural logarithm.
/// Domain: x >= 0; log(+-0) = -inf (pole), x < 0 is a domain error.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::log.
template <std::floating_point T>
constexpr T log(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::log_impl(x);
    else return std::log(x);
}

/// Base-2 logarithm (exact for powers of two).
/// Domain: x >= 0; log2(+-0) = -inf (pole), x < 0 is a domain error.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::log2.
template <std::floating_point T>
constexpr T log2(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::log2_impl(x);
    else return std::log2(x);
}

/// Base-10 logarithm.
/// Domain: x >= 0; log10(+-0) = -inf (pole), x < 0 is a domain error.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::log10.
template <std::floating_point T>
constexpr T log10(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::log10_impl(x);
    else return std::log10(x);
}

/// log(1 + x), accurate for small |x|.
/// Domain: x >= -1; log1p(-1) = -inf (pole), x < -1 is a domain error.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::log1p.
template <std::floating_point T>
constexpr T log1p(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::log1p_impl(x);
    else return std::log1p(x);
}

/// Square root (correctly rounded for float and double).
/// Domain: x >= 0; sqrt(-0) = -0, x < 0 is a domain error.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::sqrt.
template <std::floating_point T>
constexpr T sqrt(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::sqrt_impl(x);
    else return std::sqrt(x);
}

/// Cube root.
/// Domain: all x.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::cbrt.
template <std::floating_point T>
constexpr T cbrt(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::cbrt_impl(x);
    else return std::cbrt(x);
}

/// Sine of x radians.
/// Domain: finite x (exact argument reduction for every finite x); +-inf is a domain error; sin(-0) = -0.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::sin.
template <std::floating_point T>
constexpr T sin(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::sin_impl(x);
    else return std::sin(x);
}

/// Cosine of x radians.
/// Domain: finite x (exact argument reduction for every finite x); +-inf is a domain error.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::cos.
template <std::floating_point T>
constexpr T cos(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::cos_impl(x);
    else return std::cos(x);
}

/// Tangent of x radians.
/// Domain: finite x (exact argument reduction for every finite x); +-inf is a domain error.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::tan.
template <std::floating_point T>
constexpr T tan(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::tan_impl(x);
    else return std::tan(x);
}

/// Arc sine, in [-pi/2, pi/2].
/// Domain: -1 <= x <= 1; outside is a domain error.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::asin.
template <std::floating_point T>
constexpr T asin(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::asin_impl(x);
    else return std::asin(x);
}

/// Arc cosine, in [0, pi].
/// Domain: -1 <= x <= 1; outside is a domain error.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::acos.
template <std::floating_point T>
constexpr T acos(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::acos_impl(x);
    else return std::acos(x);
}

/// Arc tangent, in [-pi/2, pi/2].
/// Domain: all x.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::atan.
template <std::floating_point T>
constexpr T atan(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::atan_impl(x);
    else return std::atan(x);
}

/// Hyperbolic sine.
/// Domain: all x; overflows to +-inf.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::sinh.
template <std::floating_point T>
constexpr T sinh(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::sinh_impl(x);
    else return std::sinh(x);
}

/// Hyperbolic cosine.
/// Domain: all x; overflows to +inf.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::cosh.
template <std::floating_point T>
constexpr T cosh(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::cosh_impl(x);
    else return std::cosh(x);
}

/// Hyperbolic tangent.
/// Domain: all x.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::tanh.
template <std::floating_point T>
constexpr T tanh(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::tanh_impl(x);
    else return std::tanh(x);
}

/// Inverse hyperbolic sine.
/// Domain: all x.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::asinh.
template <std::floating_point T>
constexpr T asinh(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::asinh_impl(x);
    else return std::asinh(x);
}

/// Inverse hyperbolic cosine.
/// Domain: x >= 1; x < 1 is a domain error.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::acosh.
template <std::floating_point T>
constexpr T acosh(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::acosh_impl(x);
    else return std::acosh(x);
}

/// Inverse hyperbolic tangent.
/// Domain: -1 <= x <= 1; atanh(+-1) = +-inf (pole), |x| > 1 is a domain error.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::atanh.
template <std::floating_point T>
constexpr T atanh(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::atanh_impl(x);
    else return std::atanh(x);
}

/// Error function.
/// Domain: all x.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::erf.
template <std::floating_point T>
constexpr T erf(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::erf_impl(x);
    else return std::erf(x);
}

/// Complementary error function 1 - erf(x), accurate where it is tiny.
/// Domain: all x; underflows to +0 above ~27.2 (double).
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::erfc.
template <std::floating_point T>
constexpr T erfc(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::erfc_impl(x);
    else return std::erfc(x);
}

/// x raised to the power y (real exponent).
/// Domain: C Annex F special values (pow(x, +-0) = 1, pow(1, y) = 1, pow(+-0, y < 0) = +-inf pole, ...); a negative
/// finite x with a finite non-integer y is a domain error. Accuracy during constant evaluation: <= 1 ulp for float and
/// double, a few ulps for long double (docs/math.md); at run time this is std::pow.
template <std::floating_point T>
constexpr T pow(T x, T y) noexcept {
    if (std::is_constant_evaluated()) return detail::pow_impl(x, y);
    else return std::pow(x, y);
}

/// sqrt(x^2 + y^2) without undue overflow or underflow.
/// Domain: all x, y; hypot(+-inf, NaN) = +inf.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::hypot.
template <std::floating_point T>
constexpr T hypot(T x, T y) noexcept {
    if (std::is_constant_evaluated()) return detail::hypot_impl(x, y);
    else return std::hypot(x, y);
}

/// Arc tangent of y/x using the signs of both to pick the quadrant, in [-pi, pi].
/// Domain: all y, x, with the C Annex F signed-zero and infinity cases (atan2(+-0, -0) = +-pi, ...).
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::atan2.
template <std::floating_point T>
constexpr T atan2(T y, T x) noexcept {
    if (std::is_constant_evaluated()) return detail::atan2_impl(y, x);
    else return std::atan2(y, x);
}

}  // namespace chainrule::math
