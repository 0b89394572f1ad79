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
//   * log:  x = 2^e m, m in [sqrt(1/2), sqrt(2)), log m = 2 atanh(s) with
//           s = (m-1)/(m+1) carried as a double-long-double (~128 bits);
//   * sin/cos/tan: x = k pi/2 + r with pi/2 in six parts of 32 bits for
//           |x| < 2^31, Payne-Hanek with the bits of 2/pi beyond that (exact
//           for every finite argument);
//   * atan: |x| > 1 -> pi/2 - atan(1/x), then atan(x) = atan(j/8) + atan(u).
//
// Special values and domain errors are handled in the *_impl templates before
// any arithmetic (constant evaluation rejects arithmetic producing inf/NaN).
#pragma once

#include "core.hpp"

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

/// expm1(r) for |r| <= ln2/64 (+ a tiny lo): Taylor series to degree 8; the
/// first omitted term is < 2^-73.  (Written out: constant evaluation of an
/// unrolled expression is several times cheaper than of a loop.)
constexpr L expm1_small(L r) noexcept {
    using k::inv_fact;
    return r * (1 + r * (inv_fact[2] + r * (inv_fact[3] + r * (inv_fact[4] + r * (inv_fact[5] + r * (inv_fact[6] + r * (inv_fact[7] + r * (inv_fact[8]))))))));
}

/// e^(hi + lo) = 2^e * (t_hi + t_lo) * (1 + p), with t = 2^(j/32) from a table
/// and |p| < 0.011.  Requires |hi| < 22000.
struct exp_split {
    int e;    // power of two
    int j;    // table index
    L p;      // expm1 of the reduced argument
};
constexpr exp_split exp_reduce(L hi, L lo) noexcept {
    // k = nearest(x * 32 / ln 2), x = k ln2/32 + r, |r| <= ln2/64.
    const long long kk = nearest(hi * (32 * k::log2e));
    const L kl = static_cast<L>(kk);
    // (ln 2)/32 in three parts, the first two with 44 bits so that k * them is
    // exact for |k| < 2^20 (Cody-Waite); the first subtraction is exact
    // (Sterbenz) and the others only round at the level of the small result.
    L r = (hi - kl * (k::ln2_hi / 32)) - kl * (k::ln2_mid / 32);
    r += lo - kl * (k::ln2_lo / 32);
    const int j = static_cast<int>(kk & 31);
    const int e = static_cast<int>((kk - j) / 32);
    return {e, j, expm1_small(r)};
}

/// e^(hi + lo) = p * 2^e with p in [0.7, 2].
struct scaled {
    L p;
    int e;
};
constexpr scaled exp_parts(L hi, L lo) noexcept {
    const exp_split s = exp_reduce(hi, lo);
    const L th = k::exp2_j32_hi[s.j];
    const L tl = k::exp2_j32_lo[s.j];
    return {th + (th * s.p + tl * (1 + s.p)), s.e};
}

/// p * 2^e, or +inf when that overflows long double.
constexpr L scale_checked(L p, int e) noexcept {
    if (e > 16385) return inf_v<L>;  // p >= 0.7
    if (e > 16000) {
        const L t = scale2(p, e - 2);
        if (t >= 0x1p16382L) return inf_v<L>;
        return t * 4;
    }
    return scale2(p, e);
}

/// e^x in long double for |x| < 11000 (no overflow).
constexpr L exp_l(L x) noexcept {
    const scaled s = exp_parts(x, 0);
    return scale2(s.p, s.e);
}

/// e^x - 1 in long double for x < 11000.  For |x| < 0.35, 2^e t_hi - 1 is
/// exact (e is 0 or -1 and t_hi in [1, 2)), so there is no cancellation.
constexpr L expm1_l(L x) noexcept {
    if (x < -50) return -1 + exp_l(x);
    const exp_split s = exp_reduce(x, 0);
    const L th = k::exp2_j32_hi[s.j];
    const L tl = k::exp2_j32_lo[s.j];
    if (s.e >= -1 && s.e <= 1) {
        const L f = pow2_d(s.e);
        return (f * th - 1) + f * (th * s.p + tl * (1 + s.p));
    }
    return scale2(th + (th * s.p + tl * (1 + s.p)), s.e) - 1;
}

template <class T>
constexpr T exp_impl(T x) noexcept {
    if (is_nan(x)) return x;
    if (x == inf_v<T>) return x;
    if (x == -inf_v<T>) return 0;
    const L xl = x;
    if (xl > 11400) return inf_v<T>;
    if (xl < -11500) return 0;
    const scaled s = exp_parts(xl, 0);
    return narrow<T>(scale_checked(s.p, s.e));
}

template <class T>
constexpr T exp2_impl(T x) noexcept {
    if (is_nan(x)) return x;
    if (x == inf_v<T>) return x;
    if (x == -inf_v<T>) return 0;
    const L xl = x;
    if (xl > 16400) return inf_v<T>;
    if (xl < -16500) return 0;
    const long long n = nearest(xl);
    const L r = xl - static_cast<L>(n);  // exact
    // r * ln 2 as hi + lo
    const dd z = two_prod(r, k::ln2);
    const scaled s = exp_parts(z.hi, z.lo + r * k::ln2_lo2);
    return narrow<T>(scale_checked(s.p, s.e + static_cast<int>(n)));
}

template <class T>
constexpr T expm1_impl(T x) noexcept {
    if (is_nan(x)) return x;
    if (x == inf_v<T>) return x;
    if (x == -inf_v<T>) return -1;
    if (x == 0) return x;  // keeps the sign of zero
    const L xl = x;
    if (xl > 11400) return inf_v<T>;
    if (xl < -100) return -1;
    if (xl > 11000) {
        const scaled s = exp_parts(xl, 0);
        return narrow<T>(scale_checked(s.p, s.e));  // e^x - 1 == e^x here
    }
    return narrow<T>(expm1_l(xl));
}

// ===========================================================================
// log family
// ===========================================================================

/// log(hi + lo) for finite hi > 0 (|lo| <= ulp(hi)/2), as e ln2 + log m with
/// log m as hi + lo (~2^-75 relative error).  No division: constant
/// evaluation of a long double division is ~10x dearer than a product.
struct log_parts {
    dd lm;  // log(m), m = x / 2^e in [sqrt(1/2), sqrt(2))
    int e;
};
constexpr log_parts log_m(L x, L x_lo = 0) noexcept {
    int e = ilogb(x);
    L m = scale2(x, -e);
    if (m > k::sqrt2) {
        m *= 0.5L;
        ++e;
    }
    // m c - 1 with c ~ 1/m from a table of 10-bit numbers: the product is
    // exact as hi + lo, and hi - 1 is exact (Sterbenz).
    const int i = static_cast<int>(nearest((m - 1) * 128)) + 38;
    const L c = k::log_c[i];
    const dd mc = two_prod(m, c);
    const L r = mc.hi - 1;
    const L r_lo = mc.lo + scale2(x_lo, -e) * c;
    // log(1 + r + r_lo) = r + r_lo - r^2/2 + r^3/3 - ..., |r| < 0.0067: the
    // terms to r^9 leave < 2^-70 relative.
    const L r2 = r * r;
    const L tail = r_lo - 0.5L * r2 + r * r2 * (1.0L / 3 + r * (-0.25L + r * (1.0L / 5 + r * (-1.0L / 6 + r * (1.0L / 7 + r * (-0.125L + r * (1.0L / 9)))))));
    const dd s1 = two_sum(k::log_neg_log_c_hi[i], r);
    return {fast_two_sum(s1.hi, s1.lo + (k::log_neg_log_c_lo[i] + tail)), e};
}

constexpr dd log_dd(L x, L x_lo = 0) noexcept {
    const log_parts lp = log_m(x, x_lo);
    const L el = static_cast<L>(lp.e);
    // e*ln2_hi and e*ln2_mid are exact (44-bit parts, |e| < 2^15)
    const dd eln2 = fast_two_sum(el * k::ln2_hi, el * k::ln2_mid + el * k::ln2_lo);
    return dd_add(eln2, lp.lm);
}

constexpr L log_l(L x) noexcept { return log_dd(x).hi; }

/// log(1 + x) for finite x > -1.
constexpr L log1p_l(L x) noexcept {
    const dd u = two_sum(1, x);  // 1 + x exactly
    return log_dd(u.hi, u.lo).hi;
}

template <class T>
constexpr T log_impl(T x) noexcept {
    if (is_nan(x)) return x;
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
    if (is_nan(x)) return x;
    if (x < 0) {
        error::log2_of_a_negative_number_is_undefined();
        return nan_v<T>;
    }
    if (x == 0) return -inf_v<T>;
    if (x == inf_v<T>) return x;
    const log_parts lp = log_m(x);
    const dd l2 = dd_mul(lp.lm, {k::log2e, k::log2e_lo});
    return narrow<T>(dd_add({static_cast<L>(lp.e), 0}, l2).hi);
}

template <class T>
constexpr T log10_impl(T x) noexcept {
    if (is_nan(x)) return x;
    if (x < 0) {
        error::log10_of_a_negative_number_is_undefined();
        return nan_v<T>;
    }
    if (x == 0) return -inf_v<T>;
    if (x == inf_v<T>) return x;
    return narrow<T>(dd_mul(log_dd(x), {k::log10e, k::log10e_lo}).hi);
}

template <class T>
constexpr T log1p_impl(T x) noexcept {
    if (is_nan(x)) return x;
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

/// sqrt of a finite x > 0 in long double, faithfully rounded: Newton's
/// iteration for 1/sqrt (products only, no division) on the reduced argument,
/// then one correction with the exact residual.
constexpr L sqrt_l(L x) noexcept {
    int e = ilogb(x);
    if (e & 1) --e;                      // even exponent: m in [1, 4)
    const L m = scale2(x, -e);
    L y = 1.3143245040136766L + m * (-0.391746352408189L + m * 0.04759950544647554L);  // 3%
    const L hm = 0.5L * m;
    y = y * (1.5L - hm * y * y);         // 1.4e-3
    y = y * (1.5L - hm * y * y);         // 2.7e-6
    y = y * (1.5L - hm * y * y);         // 1.1e-11
    y = y * (1.5L - hm * y * y);         // 2e-22
    L r = m * y;
    const dd rr = two_prod(r, r);
    r += ((m - rr.hi) - rr.lo) * (0.5L * y);
    return scale2(r, e / 2);
}

/// Correctly rounded sqrt for float and double: the long double result is
/// rounded and then checked against the two neighbouring midpoints with exact
/// squares, so the compile-time value is the one the hardware gives.
template <class T>
constexpr T sqrt_impl(T x) noexcept {
    if (is_nan(x)) return x;
    if (x == 0) return x;  // sqrt(-0) == -0
    if (x < 0) {
        error::sqrt_of_a_negative_number_is_undefined();
        return nan_v<T>;
    }
    if (x == inf_v<T>) return x;
    const L xl = x;
    const L y = sqrt_l(xl);
    if constexpr (std::is_same_v<T, L>) {
        return y;
    } else {
        T r = static_cast<T>(y);
        const L rl = r;
        const int re = ilogb_of(r);
        const L h = pow2(re - std::numeric_limits<T>::digits);  // half an ulp of r
        // upper midpoint
        const L up = rl + h;
        const dd u2 = two_prod(up, up);
        if (u2.hi < xl || (u2.hi == xl && u2.lo < 0)) return static_cast<T>(rl + 2 * h);
        // lower midpoint (the ulp below a power of two is half as large)
        const bool pow2_r = rl == pow2(re);
        const L lo = rl - (pow2_r ? h / 2 : h);
        const dd l2 = two_prod(lo, lo);
        if (l2.hi > xl || (l2.hi == xl && l2.lo > 0)) return static_cast<T>(rl - (pow2_r ? h : 2 * h));
        return r;
    }
}

/// cbrt of a finite ax > 0: Newton's iteration for m^(-1/3) (products only),
/// cbrt m = m y^2, then one correction with the exact residual.
constexpr L cbrt_l(L ax) noexcept {
    const int e = ilogb(ax);
    const int e3 = (e >= 0 ? e / 3 : -((-e + 2) / 3)) * 3;  // floor(e/3)*3
    const L m = scale2(ax, -e3);                            // [1, 8)
    L y = 1.0766783808446L + m * (-0.1483637898121959L + m * 0.009711878399390673L);  // 6%
    constexpr L third = 1.0L / 3;
    y += y * (1 - m * (y * y * y)) * third;  // 7.7e-3
    y += y * (1 - m * (y * y * y)) * third;  // 1.2e-4
    y += y * (1 - m * (y * y * y)) * third;  // 3e-8
    y += y * (1 - m * (y * y * y)) * third;  // 2e-15
    y += y * (1 - m * (y * y * y)) * third;  // 5e-30
    L c = m * y * y;
    // m - c^3 exactly: c^2 = a + b, c^3 = a c + b c with a c = p + q
    const dd c2 = two_prod(c, c);
    const dd c3 = two_prod(c2.hi, c);
    const L res = ((m - c3.hi) - c3.lo) - c2.lo * c;
    c += res * (y * y) * third;
    return scale2(c, e3 / 3);
}

template <class T>
constexpr T cbrt_impl(T x) noexcept {
    if (is_nan(x) || x == 0 || is_inf(x)) return x;
    const L ax = abs_v(static_cast<L>(x));
    const L r = cbrt_l(ax);
    return narrow<T>(x < 0 ? -r : r);
}

template <class T>
constexpr T hypot_impl(T x, T y) noexcept {
    if (is_inf(x) || is_inf(y)) return inf_v<T>;  // even if the other is NaN
    if (is_nan(x) || is_nan(y)) return nan_v<T>;
    L ax = abs_v(static_cast<L>(x));
    L ay = abs_v(static_cast<L>(y));
    if (ax < ay) {
        const L t = ax;
        ax = ay;
        ay = t;
    }
    if (ay == 0) return static_cast<T>(ax);
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

/// sin(r) for |r| <= pi/4 + tiny: Taylor to degree 23.
constexpr L sin_kernel(L r) noexcept {
    using k::inv_fact;
    const L z = -(r * r);
    return r * (1 + z * (inv_fact[3] + z * (inv_fact[5] + z * (inv_fact[7] + z * (inv_fact[9] + z * (inv_fact[11] + z * (inv_fact[13] + z * (inv_fact[15] + z * (inv_fact[17] + z * (inv_fact[19] + z * (inv_fact[21] + z * (inv_fact[23]))))))))))));
}

/// cos(r) for |r| <= pi/4 + tiny: Taylor to degree 24.
constexpr L cos_kernel(L r) noexcept {
    using k::inv_fact;
    const L z = -(r * r);
    return 1 + z * (inv_fact[2] + z * (inv_fact[4] + z * (inv_fact[6] + z * (inv_fact[8] + z * (inv_fact[10] + z * (inv_fact[12] + z * (inv_fact[14] + z * (inv_fact[16] + z * (inv_fact[18] + z * (inv_fact[20] + z * (inv_fact[22] + z * (inv_fact[24]))))))))))));
}

/// Bits [pos, pos + 64) of a little-endian array of 32-bit limbs.
constexpr std::uint64_t extract64(const std::uint32_t* p, int n, int pos) noexcept {
    const int i = pos / 32;
    const int b = pos % 32;
    const std::uint64_t l0 = i < n ? p[i] : 0;
    const std::uint64_t l1 = i + 1 < n ? p[i + 1] : 0;
    const std::uint64_t l2 = i + 2 < n ? p[i + 2] : 0;
    return (l0 >> b) | (l1 << (32 - b)) | (b != 0 ? l2 << (64 - b) : 0);
}

struct reduced {
    L r;    // remainder in [-pi/4, pi/4]
    int q;  // quadrant: x = (4j + q) pi/2 + r
};

/// Payne-Hanek reduction of a finite ax >= 2^31: multiply the 64-bit integer
/// significand by the window of bits of 2/pi that matter at this exponent.
constexpr reduced reduce_payne_hanek(L ax) noexcept {
    const int e = ilogb(ax);
    const auto M = static_cast<std::uint64_t>(scale2(ax, 63 - e));  // exact
    const int E = e - 63;                                           // ax = M 2^E
    // Words j with E - 32j - 32 >= 2 only add multiples of 4: skip them.
    const int j0 = E >= 34 ? (E - 34) / 32 + 1 : 0;
    constexpr int K = 8;  // 256 bits of 2/pi
    std::uint32_t p[K + 2] = {};
    const std::uint32_t m[2] = {static_cast<std::uint32_t>(M), static_cast<std::uint32_t>(M >> 32)};
    for (int a = 0; a < 2; ++a) {
        std::uint64_t carry = 0;
        for (int i = 0; i < K; ++i) {
            const std::uint64_t w = k::two_over_pi_bits[j0 + K - 1 - i];
            const std::uint64_t t = static_cast<std::uint64_t>(m[a]) * w + p[a + i] + carry;
            p[a + i] = static_cast<std::uint32_t>(t);
            carry = t >> 32;
        }
        p[a + K] = static_cast<std::uint32_t>(carry);
    }
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
    return {neg ? -r : r, q};
}

/// x = (4j + q) pi/2 + r for finite ax >= 0.
constexpr reduced reduce_pio2(L ax) noexcept {
    if (ax <= 0.785398L) return {ax, 0};
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
        return {r, static_cast<int>(kk & 3)};
    }
    return reduce_payne_hanek(ax);
}

template <class T>
constexpr T sin_impl(T x) noexcept {
    if (is_nan(x)) return x;
    if (is_inf(x)) {
        error::sin_of_infinity_is_undefined();
        return nan_v<T>;
    }
    const L xl = x;
    const L ax = abs_v(xl);
    if (ax < 0x1p-33L) return x;  // sin x = x (1 - x^2/6), incl. signed zeros
    const reduced rd = reduce_pio2(ax);
    L v = (rd.q & 1) ? cos_kernel(rd.r) : sin_kernel(rd.r);
    if (rd.q & 2) v = -v;
    return narrow<T>(xl < 0 ? -v : v);
}

template <class T>
constexpr T cos_impl(T x) noexcept {
    if (is_nan(x)) return x;
    if (is_inf(x)) {
        error::cos_of_infinity_is_undefined();
        return nan_v<T>;
    }
    const L ax = abs_v(static_cast<L>(x));
    if (ax < 0x1p-33L) return 1;
    const reduced rd = reduce_pio2(ax);
    L v = (rd.q & 1) ? sin_kernel(rd.r) : cos_kernel(rd.r);
    if (rd.q == 1 || rd.q == 2) v = -v;
    return narrow<T>(v);
}

template <class T>
constexpr T tan_impl(T x) noexcept {
    if (is_nan(x)) return x;
    if (is_inf(x)) {
        error::tan_of_infinity_is_undefined();
        return nan_v<T>;
    }
    const L xl = x;
    const L ax = abs_v(xl);
    if (ax < 0x1p-33L) return x;
    const reduced rd = reduce_pio2(ax);
    const L s = sin_kernel(rd.r);
    const L c = cos_kernel(rd.r);
    const L v = (rd.q & 1) ? -c / s : s / c;
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
    using k::inv_odd;
    const L z = -(u * u);
    const L series = u + u * z * (inv_odd[1] + z * (inv_odd[2] + z * (inv_odd[3] + z * (inv_odd[4] + z * (inv_odd[5] + z * (inv_odd[6] + z * (inv_odd[7] + z * (inv_odd[8] + z * (inv_odd[9] + z * (inv_odd[10]))))))))));
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
    if (is_nan(x)) return x;
    if (x == inf_v<T>) return narrow<T>(k::pio2);
    if (x == -inf_v<T>) return narrow<T>(-k::pio2);
    const L xl = x;
    const L ax = abs_v(xl);
    if (ax < 0x1p-33L) return x;
    L a;
    if (ax <= 1) a = atan_ratio(ax, 1);
    else a = (k::pio2 - atan_ratio(1, ax)) + k::pio2_lo;
    return narrow<T>(xl < 0 ? -a : a);
}

template <class T>
constexpr T atan2_impl(T y, T x) noexcept {
    if (is_nan(x) || is_nan(y)) return nan_v<T>;
    const bool ny = sign_bit(y);
    const bool nx = sign_bit(x);
    if (y == 0) {  // atan2(+-0, x>=+0) = +-0, atan2(+-0, x<=-0) = +-pi
        if (!nx) return y;
        return narrow<T>(ny ? -k::pi : k::pi);
    }
    if (is_inf(y)) {
        L a = k::pio2;
        if (is_inf(x)) a = nx ? 3 * k::pio2 / 2 : k::pio2 / 2;  // 3pi/4 or pi/4
        return narrow<T>(ny ? -a : a);
    }
    if (is_inf(x)) {
        if (!nx) return ny ? -T(0) : T(0);
        return narrow<T>(ny ? -k::pi : k::pi);
    }
    if (x == 0) return narrow<T>(ny ? -k::pio2 : k::pio2);
    return narrow<T>(atan2_l(y, x));
}

template <class T>
constexpr T asin_impl(T x) noexcept {
    if (is_nan(x)) return x;
    const L xl = x;
    const L ax = abs_v(xl);
    if (ax > 1) {
        error::asin_of_a_number_outside_minus_one_to_one_is_undefined();
        return nan_v<T>;
    }
    if (ax < 0x1p-33L) return x;
    if (ax == 1) return narrow<T>(xl < 0 ? -k::pio2 : k::pio2);
    const L c = sqrt_l((1 - ax) * (1 + ax));
    return narrow<T>(atan2_l(xl, c));
}

template <class T>
constexpr T acos_impl(T x) noexcept {
    if (is_nan(x)) return x;
    const L xl = x;
    if (xl > 1 || xl < -1) {
        error::acos_of_a_number_outside_minus_one_to_one_is_undefined();
        return nan_v<T>;
    }
    if (xl == 1) return 0;
    if (xl == -1) return narrow<T>(k::pi);
    const L s = sqrt_l((1 - xl) * (1 + xl));
    return narrow<T>(atan2_l(s, xl));
}

// ===========================================================================
// hyperbolic functions
// ===========================================================================

template <class T>
constexpr T sinh_impl(T x) noexcept {
    if (is_nan(x) || is_inf(x) || x == 0) return x;
    const L xl = x;
    const L ax = abs_v(xl);
    if (ax < 0x1p-33L) return x;
    L v;
    if (ax > 11400) {
        return xl < 0 ? -inf_v<T> : inf_v<T>;
    } else if (ax > 11000) {
        const scaled s = exp_parts(ax, 0);
        v = scale_checked(s.p, s.e - 1);  // e^x / 2
    } else if (ax < 1) {
        const L em = expm1_l(ax);
        v = 0.5L * (em + em / (em + 1));  // no cancellation for small x
    } else {
        const L ex = exp_l(ax);
        v = 0.5L * (ex - 1 / ex);
    }
    if (is_inf(v)) return xl < 0 ? -inf_v<T> : inf_v<T>;
    return narrow<T>(xl < 0 ? -v : v);
}

template <class T>
constexpr T cosh_impl(T x) noexcept {
    if (is_nan(x)) return x;
    if (is_inf(x)) return inf_v<T>;
    const L ax = abs_v(static_cast<L>(x));
    if (ax < 0x1p-33L) return 1;
    if (ax > 11400) return inf_v<T>;
    if (ax > 11000) {
        const scaled s = exp_parts(ax, 0);
        return narrow<T>(scale_checked(s.p, s.e - 1));
    }
    const L ex = exp_l(ax);
    return narrow<T>(0.5L * (ex + 1 / ex));
}

template <class T>
constexpr T tanh_impl(T x) noexcept {
    if (is_nan(x) || x == 0) return x;
    if (x == inf_v<T>) return 1;
    if (x == -inf_v<T>) return -1;
    const L xl = x;
    const L ax = abs_v(xl);
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
    if (is_nan(x) || is_inf(x) || x == 0) return x;
    const L xl = x;
    const L ax = abs_v(xl);
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
    if (is_nan(x)) return x;
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
    if (is_nan(x) || x == 0) return x;
    const L xl = x;
    const L ax = abs_v(xl);
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
    if (is_nan(x) || is_nan(y)) return nan_v<T>;
    const L xl = x;
    const L yl = y;
    const bool y_inf = is_inf(y);
    const bool y_odd = !y_inf && is_odd_integer(yl);
    const bool y_int = y_inf || is_integer(yl);
    if (x == 0) {
        const bool neg0 = sign_bit(x) && y_odd;
        if (yl < 0) return neg0 ? -inf_v<T> : inf_v<T>;  // pole
        return neg0 ? -T(0) : T(0);
    }
    if (y_inf) {
        const L ax = abs_v(xl);
        if (ax == 1) return 1;
        if ((ax < 1) == (yl < 0)) return inf_v<T>;
        return 0;
    }
    if (is_inf(x)) {
        const bool neg = x < 0 && y_odd;
        if (yl < 0) return neg ? -T(0) : T(0);
        return neg ? -inf_v<T> : inf_v<T>;
    }
    if (xl < 0 && !y_int) {
        error::pow_of_a_negative_base_with_a_non_integer_exponent_is_undefined();
        return nan_v<T>;
    }
    const bool neg = xl < 0 && y_odd;
    const L ax = abs_v(xl);
    L v;
    if (abs_v(yl) >= 0x1p80L) {
        // |y ln x| > 2^15 for every x != 1 with a 64-bit significand
        v = ((ax > 1) == (yl > 0)) ? inf_v<L> : 0;
    } else {
        const dd lg = log_dd(ax);
        dd z = two_prod(yl, lg.hi);
        z.lo += yl * lg.lo;
        z = fast_two_sum(z.hi, z.lo);
        if (z.hi > 11400) v = inf_v<L>;
        else if (z.hi < -11500) v = 0;
        else {
            const scaled s = exp_parts(z.hi, z.lo);
            v = scale_checked(s.p, s.e);
        }
    }
    if (is_inf(v)) return neg ? -inf_v<T> : inf_v<T>;
    return narrow<T>(neg ? -v : v);
}

// ===========================================================================
// erf, erfc
// ===========================================================================

/// e^(-x^2) with x^2 carried exactly (x^2 = hi + lo), for 0 <= x < 110.
constexpr L exp_minus_sq(L x) noexcept {
    const dd x2 = two_prod(x, x);
    const scaled s = exp_parts(-x2.hi, -x2.lo);
    return scale2(s.p, s.e);
}

/// erf(x) for 0 <= x < 0.5: alternating Taylor series to x^31 (no exp needed).
constexpr L erf_taylor(L x) noexcept {
    using k::erf_taylor;
    const L z = x * x;
    return x * (erf_taylor[0] + z * (erf_taylor[1] + z * (erf_taylor[2] + z * (erf_taylor[3] + z * (erf_taylor[4] + z * (erf_taylor[5] + z * (erf_taylor[6] + z * (erf_taylor[7] + z * (erf_taylor[8] + z * (erf_taylor[9] + z * (erf_taylor[10] + z * (erf_taylor[11] + z * (erf_taylor[12] + z * (erf_taylor[13] + z * (erf_taylor[14] + z * (erf_taylor[15]))))))))))))))));
}

/// erfc(x) for 0.5 <= x: e^(-x^2) g(x) with g from the table of Chebyshev
/// fits (x < 8), or the fitted asymptotic factor (x >= 8).  Loops and
/// divisions are avoided: they dominate the cost of constant evaluation.
constexpr L erfc_large(L x) noexcept {
    if (x < 8) {
        const int i = static_cast<int>((x - 0.5L) * 2);
        const L t = x - (0.75L + 0.5L * static_cast<L>(i));
        const L(&g)[17] = k::erfc_g[i];
        return exp_minus_sq(x) * (g[0] + t * (g[1] + t * (g[2] + t * (g[3] + t * (g[4] + t * (g[5] + t * (g[6] + t * (g[7] + t * (g[8] + t * (g[9] + t * (g[10] + t * (g[11] + t * (g[12] + t * (g[13] + t * (g[14] + t * (g[15] + t * (g[16])))))))))))))))));
    }
    const L u = 1 / (x * x);
    const L(&a)[13] = k::erfc_asym;
    return exp_minus_sq(x) * k::one_over_sqrt_pi * (a[0] + u * (a[1] + u * (a[2] + u * (a[3] + u * (a[4] + u * (a[5] + u * (a[6] + u * (a[7] + u * (a[8] + u * (a[9] + u * (a[10] + u * (a[11] + u * (a[12]))))))))))))) / x;
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
    if (is_nan(x) || x == 0) return x;
    if (x == inf_v<T>) return 1;
    if (x == -inf_v<T>) return -1;
    const L xl = x;
    const L v = erf_pos(abs_v(xl));
    return narrow<T>(xl < 0 ? -v : v);
}

template <class T>
constexpr T erfc_impl(T x) noexcept {
    if (is_nan(x)) return x;
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
