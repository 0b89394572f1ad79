#pragma once

// The constexpr implementations behind chainrule::math.
//
// Design: every function is evaluated in long double (x87, 64-bit
// significand) and rounded once to the caller's type.  For float and double
// the internal error is a few long double ulps, i.e. a few thousandths of a
// double ulp, so the rounded result is within 1 ulp of the exact value (and
// usually the correctly rounded one).  For long double itself the same
// algorithms give a few ulps (see docs/math.md for the measured table).
//
// The argument reductions are what makes this work:
//   * exp:  x = (32m + j) ln2/32 + r, e^x = 2^m 2^(j/32) e^r with a table of
//           2^(j/32) and ln 2 split Cody-Waite style (44-bit leading parts);
//   * log:  x = 2^e m, m in [sqrt(1/2), sqrt(2)), log m = -log c + log1p(r)
//           with c ~ 1/m from a table and r = m c - 1 exact, carried as hi + lo
//           (~2^-75) where pow needs it;
//   * sin/cos/tan: x = k pi/2 + r with pi/2 in six parts of 32 bits for
//           |x| < 2^31, Payne-Hanek with the bits of 2/pi beyond that (exact
//           for every finite argument);
//   * atan: |x| > 1 -> pi/2 - atan(1/x), then atan(x) = atan(j/8) + atan(u).
//
// Special values and domain errors are handled in the *_impl templates before
// any arithmetic (constant evaluation rejects arithmetic producing inf/NaN).

#include "core.hpp"
#include "kernels.hpp"

namespace chainrule::math {

/// Functions whose names state a domain error.  They are deliberately not
/// constexpr: reaching one during constant evaluation makes the compiler report
/// "call to non-constexpr function 'chainrule::math::error::<problem>()'" at the
/// offending evaluation.  At run time they do nothing (the result is then the
/// NaN that <cmath> returns).
namespace error {
inline void log_of_a_negative_number_is_undefined() noexcept {}
inline void log2_of_a_negative_number_is_undefined() noexcept {}
inline void log10_of_a_negative_number_is_undefined() noexcept {}
inline void log1p_of_a_number_below_minus_one_is_undefined() noexcept {}
inline void sqrt_of_a_negative_number_is_undefined() noexcept {}
inline void pow_of_a_negative_base_with_a_non_integer_exponent_is_undefined() noexcept {}
inline void sin_of_infinity_is_undefined() noexcept {}
inline void cos_of_infinity_is_undefined() noexcept {}
inline void tan_of_infinity_is_undefined() noexcept {}
inline void asin_of_a_number_outside_minus_one_to_one_is_undefined() noexcept {}
inline void acos_of_a_number_outside_minus_one_to_one_is_undefined() noexcept {}
inline void acosh_of_a_number_below_one_is_undefined() noexcept {}
inline void atanh_of_a_number_outside_minus_one_to_one_is_undefined() noexcept {}
}  // namespace error

namespace detail {

// ===========================================================================
// exp family
// ===========================================================================

/// e^(hi + lo) = 2^e * 2^(j/32) * (1 + p): returns p = expm1 of the reduced
/// argument (|p| < 0.011) and sets e and j.  Requires |hi| < 22000.
/// (Written as one function with out-parameters: in constant evaluation a
/// call, or a returned struct, costs as much as several multiplications.)
constexpr L exp_reduce(L hi, L lo, int& e, int& j) noexcept {
    // k = nearest(x * 32 / ln 2), x = k ln2/32 + r, |r| <= ln2/64.
    const L t = hi * 0xb8aa3b295c17f0bcp-58L;  // 32 / ln 2
    const long long kk = static_cast<long long>(t >= 0 ? t + 0.5L : t - 0.5L);
    const L kl = static_cast<L>(kk);
    // (ln 2)/32 in three parts, the first two with 44 bits so that k * them is
    // exact for |k| < 2^20 (Cody-Waite); the first subtraction is exact
    // (Sterbenz) and the others only round at the level of the small result.
    // (literals: k::ln2_hi / 32, k::ln2_mid / 32, k::ln2_lo / 32, exactly)
    L r = (hi - kl * 0xb17217f7d1c00000p-69L) - kl * 0xf79abc9e3b300000p-113L;
    r += lo - kl * 0x9803f2f6af40f343p-157L;
    j = static_cast<int>(kk & 31);
    e = static_cast<int>((kk - j) / 32);
    // expm1(r): Taylor series to degree 8, the first omitted term < 2^-73
    return expm1_poly(r);
}

/// p * 2^e, or +inf when that overflows long double.
constexpr L scale_checked(L p, int e) noexcept {
    if (e >= -1022 && e <= 1023) return p * (k::p2_1[e & 63] * k::p2_64[(e >> 6) + 16]);  // p 2^e
    if (e > 16385) return inf_v<L>;                                                       // p >= 0.7
    if (e > 16000) {
        const L t = scale2(p, e - 2);
        if (t >= 0x1p16382L) return inf_v<L>;
        return t * 4;
    }
    return scale2(p, e);
}

/// e^(hi + lo) * 2^extra in long double; +inf on overflow.  Requires
/// |hi| < 22000.
constexpr L exp_dd(L hi, L lo, int extra = 0) noexcept {
    int e = 0;
    int j = 0;
    const L p = exp_reduce(hi, lo, e, j);
    const L th = k::exp2_j32_hi[j];
    return scale_checked(th + (th * p + k::exp2_j32_lo[j] * (1 + p)), e + extra);
}

/// e^x in long double for |x| < 11000 (no overflow).
constexpr L exp_l(L x) noexcept { return exp_dd(x, 0); }

/// e^x - 1 in long double for x < 11000.  For |x| < 0.35, 2^e t_hi - 1 is
/// exact (e is 0 or -1 and t_hi in [1, 2)), so there is no cancellation.
constexpr L expm1_l(L x) noexcept {
    int e = 0;
    int j = 0;
    const L p = exp_reduce(x, 0, e, j);
    const L th = k::exp2_j32_hi[j];
    const L tl = k::exp2_j32_lo[j];
    if (e == 0) return (th - 1) + (th * p + tl * (1 + p));
    if (e == -1) return (0.5L * th - 1) + 0.5L * (th * p + tl * (1 + p));
    return scale_checked(th + (th * p + tl * (1 + p)), e) - 1;
}

template <class T>
constexpr T exp_impl(T x) noexcept {
    if ((x != x)) return x;
    if (x == inf_v<T>) return x;
    if (x == -inf_v<T>) return 0;
    const L xl = x;
    if (xl > 11400) return inf_v<T>;
    if (xl < -11500) return 0;
    return narrow<T>(exp_dd(xl, 0));
}

template <class T>
constexpr T exp2_impl(T x) noexcept {
    if ((x != x)) return x;
    if (x == inf_v<T>) return x;
    if (x == -inf_v<T>) return 0;
    const L xl = x;
    if (xl > 16400) return inf_v<T>;
    if (xl < -16500) return 0;
    // x = (32 e + j)/32 + r exactly, |r| <= 1/64: 2^x = 2^e 2^(j/32) e^(r ln 2)
    const long long kk = nearest(xl * 32);
    const L r = (xl - static_cast<L>(kk) * 0.03125L) * k::ln2;
    const int j = static_cast<int>(kk & 31);
    const int e = static_cast<int>((kk - j) / 32);
    const L p = expm1_poly(r);
    const L th = k::exp2_j32_hi[j];
    return narrow<T>(scale_checked(th + (th * p + k::exp2_j32_lo[j] * (1 + p)), e));
}

template <class T>
constexpr T expm1_impl(T x) noexcept {
    if ((x != x)) return x;
    if (x == inf_v<T>) return x;
    if (x == -inf_v<T>) return -1;
    if (x == 0) return x;  // keeps the sign of zero
    const L xl = x;
    if (xl > 11400) return inf_v<T>;
    if (xl < -100) return -1;
    if (xl > 11000) {
        return narrow<T>(exp_dd(xl, 0));  // e^x - 1 == e^x here
    }
    return narrow<T>(expm1_l(xl));
}

// ===========================================================================
// log family
// ===========================================================================

/// log m for x = m 2^e, m in [sqrt(1/2), sqrt(2)), x (+ x_lo, |x_lo| <=
/// ulp(x)/2) finite and > 0: returns the high part, sets the low part `lo`
/// (~2^-75 relative error together) and e.  No division, no struct returned,
/// few calls: that is what constant evaluation is slow at.
constexpr L log_m(L x, L x_lo, int& e, L& lo) noexcept {
    L m = frexp_l(x, e);
    if (m > 0xb504f333f9de6484p-63L) {  // sqrt(2)
        m *= 0.5L;
        ++e;
    }
    // m c - 1 with c ~ 1/m from a table of 10-bit numbers, exactly as r + r_lo:
    // m = m_hi + m_lo with a 53-bit m_hi, so m_hi c (63 bits) and m_lo c are
    // exact products, and m_hi c - 1 is exact (Sterbenz).
    const int i = static_cast<int>((m - 1) * 128 + (m >= 1 ? 0.5L : -0.5L)) + 38;  // nearest
    const L c = k::log_c[i];
    const L m_hi = static_cast<double>(m);
    const L r = m_hi * c - 1;
    L r_lo = (m - m_hi) * c;
    if (x_lo != 0) r_lo += scale2(x_lo, -e) * c;
    // log(1 + r + r_lo) = r + r_lo - r^2/2 + r^3/3 - ..., |r| < 0.0067: the
    // terms to r^9 leave < 2^-70 relative.
    const L r2 = r * r;
    // r_lo (up to 2^-53 for a 64-bit m) enters as r_lo / (1 + r) - r_lo^2 / 2
    const L tail = r_lo * ((1 - r + r2) - 0.5L * r_lo) - 0.5L * r2 +
                   r * r2 *
                       (0xaaaaaaaaaaaaaaabp-65L +
                        r * (-0x8000000000000000p-65L +
                             r * (0xcccccccccccccccdp-66L +
                                  r * (-0xaaaaaaaaaaaaaaabp-66L +
                                       r * (0x9249249249249249p-66L +
                                            r * (-0x8000000000000000p-66L + r * (0xe38e38e38e38e38ep-67L)))))));
    // -log c + r + tail, the first sum error-free (two_sum, written out)
    const L a = k::log_neg_log_c_hi[i];
    const L s = a + r;
    const L bb = s - a;
    const L s_lo = (a - (s - bb)) + (r - bb) + (k::log_neg_log_c_lo[i] + tail);
    const L h = s + s_lo;
    lo = s_lo - (h - s);
    return h;
}

/// log(x + x_lo) as hi + lo, ~2^-75 relative error (for pow and log10).
constexpr dd log_dd(L x, L x_lo = 0) noexcept {
    int e = 0;
    L lm_lo = 0;
    const L lm = log_m(x, x_lo, e, lm_lo);
    const L el = static_cast<L>(e);
    // e*ln2_hi and e*ln2_mid are exact (44-bit parts, |e| < 2^15)
    const dd eln2 = fast_two_sum(el * k::ln2_hi, el * k::ln2_mid + el * k::ln2_lo);
    return dd_add(eln2, {lm, lm_lo});
}

/// log(x + x_lo) rounded once to long double (cheaper than log_dd).
constexpr L log_l(L x, L x_lo = 0) noexcept {
    int e = 0;
    L lm_lo = 0;
    const L lm = log_m(x, x_lo, e, lm_lo);
    const L el = static_cast<L>(e);
    // literals: k::ln2_hi and k::ln2_mid + k::ln2_lo
    return el * 0xb17217f7d1c00000p-64L + (lm + (el * 0xf79abc9e3b39803fp-108L + lm_lo));
}

/// log(1 + x) for finite x > -1.
constexpr L log1p_l(L x) noexcept {
    const L u = 1 + x;  // 1 + x = u + u_lo exactly (two_sum, written out)
    const L b = u - 1;
    const L u_lo = (1 - (u - b)) + (x - b);
    return log_l(u, u_lo);
}

template <class T>
constexpr T log_impl(T x) noexcept {
    if ((x != x)) return x;
    if (x < 0) {
        error::log_of_a_negative_number_is_undefined();
        return nan_v<T>;
    }
    if (x == 0) return -inf_v<T>;  // pole, as <cmath>
    if (x == inf_v<T>) return x;
    return narrow<T>(log_l(x));
}

template <class T>
constexpr T log2_impl(T x) noexcept {
    if ((x != x)) return x;
    if (x < 0) {
        error::log2_of_a_negative_number_is_undefined();
        return nan_v<T>;
    }
    if (x == 0) return -inf_v<T>;
    if (x == inf_v<T>) return x;
    int e = 0;
    L lo = 0;
    const L hi = log_m(x, 0, e, lo);
    // e + log(m) log2(e); exact for powers of two (log m = 0)
    const L l2 = hi * k::log2e + (lo * k::log2e + hi * k::log2e_lo);
    return narrow<T>(static_cast<L>(e) + l2);
}

template <class T>
constexpr T log10_impl(T x) noexcept {
    if ((x != x)) return x;
    if (x < 0) {
        error::log10_of_a_negative_number_is_undefined();
        return nan_v<T>;
    }
    if (x == 0) return -inf_v<T>;
    if (x == inf_v<T>) return x;
    if constexpr (std::is_same_v<T, L>) return dd_mul(log_dd(x), {k::log10e, k::log10e_lo}).hi;
    else return narrow<T>(log_l(x) * k::log10e);
}

template <class T>
constexpr T log1p_impl(T x) noexcept {
    if ((x != x)) return x;
    if (x < -1) {
        error::log1p_of_a_number_below_minus_one_is_undefined();
        return nan_v<T>;
    }
    if (x == -1) return -inf_v<T>;
    if (x == inf_v<T>) return x;
    if (x == 0) return x;  // keeps the sign of zero
    return narrow<T>(log1p_l(x));
}

// ===========================================================================
// sqrt, cbrt, hypot
// ===========================================================================

/// sqrt(m), m = x 2^-2e in [1, 4), for finite x > 0: returns sqrt(m) in [1, 2]
/// within ~2 ulps (refine: ~0.5 ulp) and sets e (sqrt x = result 2^e).
/// Newton's iteration for 1/sqrt (products only, no division), then
/// optionally one correction with the exact residual.
constexpr L sqrt_m(L x, int& e, L& m, bool refine) noexcept {
    m = frexp_l(x, e);
    if (e & 1) {  // even exponent: m in [1, 4)
        --e;
        m *= 2;
    }
    e /= 2;
    L y = 1.3143245040136766L + m * (-0.391746352408189L + m * 0.04759950544647554L);  // 3%
    const L hm = 0.5L * m;
    y = y * (1.5L - hm * y * y);  // 1.4e-3
    y = y * (1.5L - hm * y * y);  // 2.7e-6
    y = y * (1.5L - hm * y * y);  // 1.1e-11
    y = y * (1.5L - hm * y * y);  // 2e-22
    L r = m * y;                  // within ~2 ulps
    if (refine) {                 // to ~0.5 ulp, for the long double result
        const dd rr = two_prod(r, r);
        r += ((m - rr.hi) - rr.lo) * (0.5L * y);
    }
    return r;
}

/// sqrt of a finite x > 0 in long double.
constexpr L sqrt_l(L x, bool refine = false) noexcept {
    int e = 0;
    L m = 0;
    const L r = sqrt_m(x, e, m, refine);
    return scale2(r, e);
}

/// Correctly rounded sqrt for float and double: the long double result is
/// rounded and, when it is close to a midpoint between two T, checked
/// against that midpoint with an exact square, so the compile-time value is
/// the one the hardware gives.
template <class T>
constexpr T sqrt_impl(T x) noexcept {
    if ((x != x)) return x;
    if (x == 0) return x;  // sqrt(-0) == -0
    if (x < 0) {
        error::sqrt_of_a_negative_number_is_undefined();
        return nan_v<T>;
    }
    if (x == inf_v<T>) return x;
    if constexpr (std::is_same_v<T, L>) {
        return sqrt_l(x, true);
    } else {
        // sqrt(x) = sqrt(m) 2^e with sqrt(m) in [1, 2]: round there (the result
        // is never subnormal), where half an ulp of T is h for every value
        int e = 0;
        L m = 0;
        const L y = sqrt_m(x, e, m, false);
        L t = static_cast<T>(y);
        const L h = std::is_same_v<T, float> ? 0x1p-24L : 0x1p-53L;  // 2^-digits
        const L d = y - t;
        if (d > h - h * 0x1p-8L || d < h * 0x1p-8L - h) {
            // y may be on the wrong side of the midpoint t +- h: compare the
            // midpoint's exact square with m
            const L mid = d > 0 ? t + h : t - h;
            const dd sq = two_prod(mid, mid);
            const bool above = sq.hi < m || (sq.hi == m && sq.lo < 0);  // sqrt(m) > mid
            if (d > 0 && above) t += 2 * h;
            if (d < 0 && !above) t -= 2 * h;
        }
        return static_cast<T>(t * pow2_d(e));
    }
}

/// cbrt of a finite ax > 0: Newton's iteration for m^(-1/3) (products only),
/// cbrt m = m y^2 (within ~2 ulps), then optionally (refine, for the long
/// double result) one correction with the exact residual.
constexpr L cbrt_l(L ax, bool refine) noexcept {
    int e = 0;
    L m = frexp_l(ax, e);
    const int e3 = (e >= 0 ? e / 3 : -((-e + 2) / 3)) * 3;                            // floor(e/3)*3
    m *= static_cast<L>(1 << (e - e3));                                               // [1, 8)
    L y = 1.0766783808446L + m * (-0.1483637898121959L + m * 0.009711878399390673L);  // 6%
    const L third = 0xaaaaaaaaaaaaaaabp-65L;                                          // 1/3
    y += y * (1 - m * (y * y * y)) * third;                                           // 7.7e-3
    y += y * (1 - m * (y * y * y)) * third;                                           // 1.2e-4
    y += y * (1 - m * (y * y * y)) * third;                                           // 3e-8
    y += y * (1 - m * (y * y * y)) * third;                                           // 2e-15
    y += y * (1 - m * (y * y * y)) * third;                                           // 5e-30
    L c = m * y * y;                                                                  // within ~2 ulps
    if (refine) {  // to ~0.5 ulp, for the long double result
        // m - c^3 exactly: c^2 = a + b, c^3 = a c + b c with a c = p + q
        const dd c2 = two_prod(c, c);
        const dd c3 = two_prod(c2.hi, c);
        const L res = ((m - c3.hi) - c3.lo) - c2.lo * c;
        c += res * (y * y) * third;
    }
    return scale2(c, e3 / 3);
}

template <class T>
constexpr T cbrt_impl(T x) noexcept {
    if ((x != x) || x == 0 || (x == inf_v<T> || x == -inf_v<T>)) return x;
    const L ax = abs_v(static_cast<L>(x));
    const L r = cbrt_l(ax, std::is_same_v<T, L>);
    return narrow<T>(x < 0 ? -r : r);
}

template <class T>
constexpr T hypot_impl(T x, T y) noexcept {
    if ((x == inf_v<T> || x == -inf_v<T>) || (y == inf_v<T> || y == -inf_v<T>))
        return inf_v<T>;  // even if the other is NaN
    if ((x != x) || (y != y)) return nan_v<T>;
    L ax = abs_v(static_cast<L>(x));
    L ay = abs_v(static_cast<L>(y));
    if (ax < ay) {
        const L t = ax;
        ax = ay;
        ay = t;
    }
    if (ay == 0) return static_cast<T>(ax);
    if constexpr (!std::is_same_v<T, L>) {
        // float/double: the squares cannot overflow or underflow long double,
        // and a 2^-63 relative error is far below half an ulp of T
        return narrow<T>(sqrt_l(ax * ax + ay * ay));
    }
    // scale so that the squares neither overflow nor underflow (exact scaling)
    const int e = ilogb(ax);
    const L sx = scale2(ax, -e);
    const L sy = scale2(ay, -e);
    // ax^2 + ay^2 with the square of the larger one exact
    const dd x2 = two_prod(sx, sx);
    const dd y2 = two_prod(sy, sy);
    const dd s = dd_add(x2, y2);
    L r = sqrt_l(s.hi);
    r += (s.lo) / (2 * r);
    return narrow<T>(scale_checked(r, e));
}

// ===========================================================================
// sin, cos, tan
// ===========================================================================

/// Bits [pos, pos + 64) of a little-endian array of 32-bit limbs.
constexpr std::uint64_t extract64(const std::uint32_t* p, int n, int pos) noexcept {
    const int i = pos / 32;
    const int b = pos % 32;
    const std::uint64_t l0 = i < n ? p[i] : 0;
    const std::uint64_t l1 = i + 1 < n ? p[i + 1] : 0;
    const std::uint64_t l2 = i + 2 < n ? p[i + 2] : 0;
    return (l0 >> b) | (l1 << (32 - b)) | (b != 0 ? l2 << (64 - b) : 0);
}

/// Payne-Hanek reduction of a finite ax >= 2^31: multiply the 64-bit integer
/// significand by the window of bits of 2/pi that matter at this exponent.
/// Returns r in [-pi/4, pi/4] and sets the quadrant q: ax = (4j + q) pi/2 + r.
constexpr L reduce_payne_hanek(L ax, int& quadrant) noexcept {
    const int e = ilogb(ax);
    const auto M = static_cast<std::uint64_t>(scale2(ax, 63 - e));  // exact
    const int E = e - 63;                                           // ax = M 2^E
    // Words j with E - 32j - 32 >= 2 only add multiples of 4: skip them.
    const int j0 = E >= 34 ? (E - 34) / 32 + 1 : 0;
    constexpr int K = 8;  // 256 bits of 2/pi
    // p = M * window, in 32-bit limbs, least significant first (unrolled:
    // loops are expensive to constant-evaluate).
    std::uint32_t p[K + 2] = {};
    const std::uint64_t m0 = M & 0xffffffffu;
    const std::uint64_t m1 = M >> 32;
    const std::uint32_t* const w = k::two_over_pi_bits + j0;  // w[K - 1] is the lowest
    std::uint64_t t = 0;
    t = m0 * w[7] + p[0];
    p[0] = static_cast<std::uint32_t>(t);
    t = m0 * w[6] + p[1] + (t >> 32);
    p[1] = static_cast<std::uint32_t>(t);
    t = m0 * w[5] + p[2] + (t >> 32);
    p[2] = static_cast<std::uint32_t>(t);
    t = m0 * w[4] + p[3] + (t >> 32);
    p[3] = static_cast<std::uint32_t>(t);
    t = m0 * w[3] + p[4] + (t >> 32);
    p[4] = static_cast<std::uint32_t>(t);
    t = m0 * w[2] + p[5] + (t >> 32);
    p[5] = static_cast<std::uint32_t>(t);
    t = m0 * w[1] + p[6] + (t >> 32);
    p[6] = static_cast<std::uint32_t>(t);
    t = m0 * w[0] + p[7] + (t >> 32);
    p[7] = static_cast<std::uint32_t>(t);
    p[8] = static_cast<std::uint32_t>(t >> 32);
    t = m1 * w[7] + p[1];
    p[1] = static_cast<std::uint32_t>(t);
    t = m1 * w[6] + p[2] + (t >> 32);
    p[2] = static_cast<std::uint32_t>(t);
    t = m1 * w[5] + p[3] + (t >> 32);
    p[3] = static_cast<std::uint32_t>(t);
    t = m1 * w[4] + p[4] + (t >> 32);
    p[4] = static_cast<std::uint32_t>(t);
    t = m1 * w[3] + p[5] + (t >> 32);
    p[5] = static_cast<std::uint32_t>(t);
    t = m1 * w[2] + p[6] + (t >> 32);
    p[6] = static_cast<std::uint32_t>(t);
    t = m1 * w[1] + p[7] + (t >> 32);
    p[7] = static_cast<std::uint32_t>(t);
    t = m1 * w[0] + p[8] + (t >> 32);
    p[8] = static_cast<std::uint32_t>(t);
    p[9] = static_cast<std::uint32_t>(t >> 32);
    // The product is (x * 2/pi mod 4) * 2^s, s fraction bits.
    const int s = 32 * (j0 + K) - E;
    int q = static_cast<int>(extract64(p, K + 2, s) & 3u);
    std::uint64_t f1 = extract64(p, K + 2, s - 64);
    std::uint64_t f2 = extract64(p, K + 2, s - 128);
    bool neg = false;
    if (f1 >> 63) {  // fraction >= 1/2: go to the next quadrant, r < 0
        q = (q + 1) & 3;
        f2 = ~f2 + 1;
        f1 = ~f1 + (f2 == 0 ? 1 : 0);
        neg = true;
    }
    const dd frac = fast_two_sum(static_cast<L>(f1) * 0x1p-64L, static_cast<L>(f2) * 0x1p-128L);
    L r = dd_mul(frac, {k::pio2, k::pio2_lo}).hi;
    quadrant = q;
    return neg ? -r : r;
}

/// Returns r in [-pi/4, pi/4] and sets q with ax = (4j + q) pi/2 + r (finite ax >= 0).
constexpr L reduce_pio2(L ax, int& q) noexcept {
    q = 0;
    if (ax <= 0.785398L) return ax;
    if (ax < 0x1p31L) {
        const long long kk = nearest(ax * k::two_over_pi);
        const L kl = static_cast<L>(kk);
        // Cody-Waite: each k * pio2_i is exact (32-bit parts, k < 2^31); the
        // subtractions are exact until the remainder is small.
        L r = ax - kl * k::pio2_1;
        r -= kl * k::pio2_2;
        r -= kl * k::pio2_3;
        r -= kl * k::pio2_4;
        r -= kl * k::pio2_5;
        r -= kl * k::pio2_6;
        q = static_cast<int>(kk & 3);
        return r;
    }
    return reduce_payne_hanek(ax, q);
}

template <class T>
constexpr T sin_impl(T x) noexcept {
    if ((x != x)) return x;
    if ((x == inf_v<T> || x == -inf_v<T>)) {
        error::sin_of_infinity_is_undefined();
        return nan_v<T>;
    }
    const L xl = x;
    const L ax = (xl < 0 ? -xl : xl);
    if (ax < 0x1p-33L) return x;  // sin x = x (1 - x^2/6), incl. signed zeros
    int q = 0;
    const L r = reduce_pio2(ax, q);
    L v = (q & 1) ? cos_kernel(r) : sin_kernel(r);
    if (q & 2) v = -v;
    return narrow<T>(xl < 0 ? -v : v);
}

template <class T>
constexpr T cos_impl(T x) noexcept {
    if ((x != x)) return x;
    if ((x == inf_v<T> || x == -inf_v<T>)) {
        error::cos_of_infinity_is_undefined();
        return nan_v<T>;
    }
    const L ax = abs_v(static_cast<L>(x));
    if (ax < 0x1p-33L) return 1;
    int q = 0;
    const L r = reduce_pio2(ax, q);
    L v = (q & 1) ? sin_kernel(r) : cos_kernel(r);
    if (q == 1 || q == 2) v = -v;
    return narrow<T>(v);
}

template <class T>
constexpr T tan_impl(T x) noexcept {
    if ((x != x)) return x;
    if ((x == inf_v<T> || x == -inf_v<T>)) {
        error::tan_of_infinity_is_undefined();
        return nan_v<T>;
    }
    const L xl = x;
    const L ax = (xl < 0 ? -xl : xl);
    if (ax < 0x1p-33L) return x;
    int q = 0;
    const L r = reduce_pio2(ax, q);
    const L s = sin_kernel(r);
    const L c = cos_kernel(r);
    const L v = (q & 1) ? -c / s : s / c;
    return narrow<T>(xl < 0 ? -v : v);
}

// ===========================================================================
// atan, atan2, asin, acos
// ===========================================================================

/// atan(num / den) for 0 <= num <= den, den > 0, both finite: atan(j/8) from
/// a table plus atan(u), u = (num - c den) / (den + c num), c = j/8, |u| <=
/// 1/16.  Only one division (constant evaluation of divisions is expensive).
constexpr L atan_ratio(L num, L den) noexcept {
    // j = nearest(8 num / den) by a binary search on (2j+1)/16 den
    int j = num < 0.5625L * den ? (num < 0.3125L * den ? (num < 0.1875L * den ? (num < 0.0625L * den ? 0 : 1) : 2)
                                                       : (num < 0.4375L * den ? 3 : 4))
                                : (num < 0.8125L * den ? (num < 0.6875L * den ? 5 : 6) : (num < 0.9375L * den ? 7 : 8));
    const L c = static_cast<L>(j) * 0.125L;
    const L u = (num - c * den) / (den + c * num);
    const L z = u * u;
    const L series =
        u +
        u * z *
            (-0xaaaaaaaaaaaaaaabp-65L +
             z * (0xcccccccccccccccdp-66L +
                  z * (-0x9249249249249249p-66L +
                       z * (0xe38e38e38e38e38ep-67L +
                            z * (-0xba2e8ba2e8ba2e8cp-67L +
                                 z * (0x9d89d89d89d89d8ap-67L +
                                      z * (-0x8888888888888889p-67L +
                                           z * (0xf0f0f0f0f0f0f0f1p-68L +
                                                z * (-0xd79435e50d79435ep-68L + z * (0xc30c30c30c30c30cp-68L))))))))));
    return k::atan_j8_hi[j] + (k::atan_j8_lo[j] + series);
}

/// atan2 for finite y, x, not both zero; result in [-pi, pi].
constexpr L atan2_l(L y, L x) noexcept {
    const L ay = abs_v(y);
    const L ax = abs_v(x);
    L a;
    if (ay <= ax) {
        const L b = atan_ratio(ay, ax);
        a = sign_bit(x) ? (k::pi - b) + k::pi_lo : b;
    } else {
        const L b = atan_ratio(ax, ay);
        a = sign_bit(x) ? (k::pio2 + b) + k::pio2_lo : (k::pio2 - b) + k::pio2_lo;
    }
    return sign_bit(y) ? -a : a;
}

template <class T>
constexpr T atan_impl(T x) noexcept {
    if ((x != x)) return x;
    if (x == inf_v<T>) return narrow<T>(k::pio2);
    if (x == -inf_v<T>) return narrow<T>(-k::pio2);
    const L xl = x;
    const L ax = (xl < 0 ? -xl : xl);
    if (ax < 0x1p-33L) return x;
    L a;
    if (ax <= 1) a = atan_ratio(ax, 1);
    else a = (k::pio2 - atan_ratio(1, ax)) + k::pio2_lo;
    return narrow<T>(xl < 0 ? -a : a);
}

template <class T>
constexpr T atan2_impl(T y, T x) noexcept {
    if ((x != x) || (y != y)) return nan_v<T>;
    const bool ny = sign_bit(y);
    const bool nx = sign_bit(x);
    if (y == 0) {  // atan2(+-0, x>=+0) = +-0, atan2(+-0, x<=-0) = +-pi
        if (!nx) return y;
        return narrow<T>(ny ? -k::pi : k::pi);
    }
    if ((y == inf_v<T> || y == -inf_v<T>)) {
        L a = k::pio2;
        if ((x == inf_v<T> || x == -inf_v<T>)) a = nx ? 3 * k::pio2 / 2 : k::pio2 / 2;  // 3pi/4 or pi/4
        return narrow<T>(ny ? -a : a);
    }
    if ((x == inf_v<T> || x == -inf_v<T>)) {
        if (!nx) return ny ? -T(0) : T(0);
        return narrow<T>(ny ? -k::pi : k::pi);
    }
    if (x == 0) return narrow<T>(ny ? -k::pio2 : k::pio2);
    return narrow<T>(atan2_l(y, x));
}

template <class T>
constexpr T asin_impl(T x) noexcept {
    if ((x != x)) return x;
    const L xl = x;
    const L ax = (xl < 0 ? -xl : xl);
    if (ax > 1) {
        error::asin_of_a_number_outside_minus_one_to_one_is_undefined();
        return nan_v<T>;
    }
    if (ax < 0x1p-33L) return x;
    if (ax == 1) return narrow<T>(xl < 0 ? -k::pio2 : k::pio2);
    const L c = sqrt_l((1 - ax) * (1 + ax));
    const L a = ax <= c ? atan_ratio(ax, c) : (k::pio2 - atan_ratio(c, ax)) + k::pio2_lo;
    return narrow<T>(xl < 0 ? -a : a);
}

template <class T>
constexpr T acos_impl(T x) noexcept {
    if ((x != x)) return x;
    const L xl = x;
    if (xl > 1 || xl < -1) {
        error::acos_of_a_number_outside_minus_one_to_one_is_undefined();
        return nan_v<T>;
    }
    if (xl == 1) return 0;
    if (xl == -1) return narrow<T>(k::pi);
    const L s = sqrt_l((1 - xl) * (1 + xl));
    const L ax = xl < 0 ? -xl : xl;
    // a = atan(s / |x|) in [0, pi/2]; acos x = a (x >= 0) or pi - a (x < 0)
    const L a = s <= ax ? atan_ratio(s, ax) : (k::pio2 - atan_ratio(ax, s)) + k::pio2_lo;
    return narrow<T>(xl < 0 ? (k::pi - a) + k::pi_lo : a);
}

// ===========================================================================
// hyperbolic functions
// ===========================================================================

template <class T>
constexpr T sinh_impl(T x) noexcept {
    if ((x != x) || (x == inf_v<T> || x == -inf_v<T>) || x == 0) return x;
    const L xl = x;
    const L ax = (xl < 0 ? -xl : xl);
    if (ax < 0x1p-33L) return x;
    L v;
    if (ax > 11400) {
        return xl < 0 ? -inf_v<T> : inf_v<T>;
    } else if (ax > 11000) {
        v = exp_dd(ax, 0, -1);  // e^x / 2
    } else if (ax < 1) {
        const L em = expm1_l(ax);
        v = 0.5L * (em + em / (em + 1));  // no cancellation for small x
    } else {
        const L ex = exp_l(ax);
        v = 0.5L * (ex - 1 / ex);
    }
    if (v == inf_v<L> || v == -inf_v<L>) return xl < 0 ? -inf_v<T> : inf_v<T>;
    return narrow<T>(xl < 0 ? -v : v);
}

template <class T>
constexpr T cosh_impl(T x) noexcept {
    if ((x != x)) return x;
    if ((x == inf_v<T> || x == -inf_v<T>)) return inf_v<T>;
    const L ax = abs_v(static_cast<L>(x));
    if (ax < 0x1p-33L) return 1;
    if (ax > 11400) return inf_v<T>;
    if (ax > 11000) {
        return narrow<T>(exp_dd(ax, 0, -1));
    }
    const L ex = exp_l(ax);
    return narrow<T>(0.5L * (ex + 1 / ex));
}

template <class T>
constexpr T tanh_impl(T x) noexcept {
    if ((x != x) || x == 0) return x;
    if (x == inf_v<T>) return 1;
    if (x == -inf_v<T>) return -1;
    const L xl = x;
    const L ax = (xl < 0 ? -xl : xl);
    if (ax < 0x1p-33L) return x;
    L v = 1;
    if (ax < 50) {
        const L em = expm1_l(2 * ax);
        v = em / (em + 2);
    }
    return narrow<T>(xl < 0 ? -v : v);
}

template <class T>
constexpr T asinh_impl(T x) noexcept {
    if ((x != x) || (x == inf_v<T> || x == -inf_v<T>) || x == 0) return x;
    const L xl = x;
    const L ax = (xl < 0 ? -xl : xl);
    if (ax < 0x1p-33L) return x;
    L v;
    if (ax > 0x1p33L) {
        v = dd_add(log_dd(ax), {k::ln2, k::ln2_lo2}).hi;  // log(2x)
    } else {
        const L x2 = ax * ax;
        v = log1p_l(ax + x2 / (1 + sqrt_l(1 + x2)));
    }
    return narrow<T>(xl < 0 ? -v : v);
}

template <class T>
constexpr T acosh_impl(T x) noexcept {
    if ((x != x)) return x;
    if (x < 1) {
        error::acosh_of_a_number_below_one_is_undefined();
        return nan_v<T>;
    }
    if (x == inf_v<T>) return x;
    if (x == 1) return 0;
    const L xl = x;
    L v;
    if (xl > 0x1p33L) {
        v = dd_add(log_dd(xl), {k::ln2, k::ln2_lo2}).hi;
    } else if (xl < 2) {
        const L f = xl - 1;  // exact
        v = log1p_l(f + sqrt_l(2 * f + f * f));
    } else {
        v = log_l(xl + sqrt_l(xl * xl - 1));
    }
    return narrow<T>(v);
}

template <class T>
constexpr T atanh_impl(T x) noexcept {
    if ((x != x) || x == 0) return x;
    const L xl = x;
    const L ax = (xl < 0 ? -xl : xl);
    if (ax > 1) {
        error::atanh_of_a_number_outside_minus_one_to_one_is_undefined();
        return nan_v<T>;
    }
    if (ax == 1) return xl < 0 ? -inf_v<T> : inf_v<T>;  // pole
    if (ax < 0x1p-33L) return x;
    const L v = 0.5L * log1p_l(2 * ax / (1 - ax));  // 1 - ax exact near 1
    return narrow<T>(xl < 0 ? -v : v);
}

// ===========================================================================
// pow
// ===========================================================================

template <class T>
constexpr T pow_impl(T x, T y) noexcept {
    // C Annex F special cases, in the order the standard lists them.
    if (y == 0) return 1;
    if (x == 1) return 1;
    if ((x != x) || (y != y)) return nan_v<T>;
    const L xl = x;
    const L yl = y;
    bool neg = false;
    if (!(xl > 0 && xl < inf_v<L> && yl > -0x1p80L && yl < 0x1p80L)) {
        // everything but the common case: zeros, infinities, negative bases,
        // huge exponents (|y ln x| > 2^15 for every x != 1 with 64 bits)
        const bool y_inf = (y == inf_v<T> || y == -inf_v<T>);
        const bool y_odd = !y_inf && is_odd_integer(yl);
        const bool y_int = y_inf || is_integer(yl);
        if (x == 0) {
            const bool neg0 = sign_bit(x) && y_odd;
            if (yl < 0) return neg0 ? -inf_v<T> : inf_v<T>;  // pole
            return neg0 ? -T(0) : T(0);
        }
        const L ax = (xl < 0 ? -xl : xl);
        if (y_inf) {
            if (ax == 1) return 1;
            if ((ax < 1) == (yl < 0)) return inf_v<T>;
            return 0;
        }
        if ((x == inf_v<T> || x == -inf_v<T>)) {
            const bool ng = x < 0 && y_odd;
            if (yl < 0) return ng ? -T(0) : T(0);
            return ng ? -inf_v<T> : inf_v<T>;
        }
        if (xl < 0 && !y_int) {
            error::pow_of_a_negative_base_with_a_non_integer_exponent_is_undefined();
            return nan_v<T>;
        }
        neg = xl < 0 && y_odd;
        if (ax == 1) return neg ? -T(1) : T(1);  // (-1)^y for an integer y
        if (yl >= 0x1p80L || yl <= -0x1p80L) return ((ax > 1) == (yl > 0)) ? inf_v<T> : 0;
        if (xl < 0) {  // |x|^y with the sign of an odd power
            const T r = pow_impl<T>(static_cast<T>(-x), y);
            return neg ? -r : r;
        }
    }
    // x > 0 finite, |y| < 2^80: x^y = e^(y log x), with log x to ~2^-75 and
    // y log x as an exact product (the error of y log x is the relative error
    // of the result).  The dd operations are written out: calls are expensive
    // to constant-evaluate.
    int e = 0;
    L lm_lo = 0;
    const L lm = log_m(xl, 0, e, lm_lo);
    const L el = static_cast<L>(e);
    // log x = e ln2_hi (exact) + lm + (e (ln2_mid + ln2_lo) + lm_lo)
    const L a = el * k::ln2_hi;
    const L s = a + lm;
    const L bb = s - a;
    const L s_lo = ((a - (s - bb)) + (lm - bb)) + (el * k::ln2_mid + el * k::ln2_lo + lm_lo);
    // z = y (s + s_lo): y s exactly (Dekker), plus y s_lo
    const L p = yl * s;
    const L ty = split_c * yl;
    const L yh = ty - (ty - yl);
    const L yt = yl - yh;
    const L ts = split_c * s;
    const L sh = ts - (ts - s);
    const L st = s - sh;
    const L p_lo = (((yh * sh - p) + yh * st + yt * sh) + yt * st) + yl * s_lo;
    const L z = p + p_lo;
    if (z > 11400) return inf_v<T>;
    if (z < -11500) return 0;
    const L v = exp_dd(z, p_lo - (z - p));
    if (v == inf_v<L>) return inf_v<T>;
    return narrow<T>(v);
}

// ===========================================================================
// erf, erfc
// ===========================================================================

/// e^(-x^2) with x^2 carried exactly (x^2 = hi + lo), for 0 <= x < 110.
constexpr L exp_minus_sq(L x) noexcept {
    // x^2 = p + e exactly (Dekker's product, written out)
    const L p = x * x;
    const L t = split_c * x;
    const L h = t - (t - x);
    const L l = x - h;
    const L e = ((h * h - p) + 2 * h * l) + l * l;
    return exp_dd(-p, -e);
}

/// erfc(x) for 0.5 <= x: e^(-x^2) g(x) with g from the table of Chebyshev
/// fits (x < 8), or the fitted asymptotic factor (x >= 8).  Loops and
/// divisions are avoided: they dominate the cost of constant evaluation.
constexpr L erfc_large(L x) noexcept {
    if (x < 8) {
        const int i = static_cast<int>((x - 0.5L) * 2);
        return exp_minus_sq(x) * erfc_scaled(i, x - (0.75L + 0.5L * static_cast<L>(i)));
    }
    return exp_minus_sq(x) * k::one_over_sqrt_pi * erfc_asymptotic(1 / (x * x)) / x;
}

/// erf(|x|) for finite x.
constexpr L erf_pos(L ax) noexcept {
    if (ax < 0x1p-33L) return k::two_over_sqrt_pi * ax;
    if (ax < 0.5L) return erf_taylor(ax);
    if (ax < 7) return 1 - erfc_large(ax);
    return 1;
}

template <class T>
constexpr T erf_impl(T x) noexcept {
    if ((x != x) || x == 0) return x;
    if (x == inf_v<T>) return 1;
    if (x == -inf_v<T>) return -1;
    const L xl = x;
    const L v = erf_pos((xl < 0 ? -xl : xl));
    return narrow<T>(xl < 0 ? -v : v);
}

template <class T>
constexpr T erfc_impl(T x) noexcept {
    if ((x != x)) return x;
    if (x == inf_v<T>) return 0;
    if (x == -inf_v<T>) return 2;
    const L xl = x;
    if (xl < 0.5L) {
        if (xl < 0) return narrow<T>(1 + erf_pos(-xl));
        return narrow<T>(1 - erf_pos(xl));
    }
    if (xl >= 110) return 0;
    return narrow<T>(erfc_large(xl));
}

}  // namespace detail
}  // namespace chainrule::math
