#pragma once

// Building blocks of chainrule's constexpr math: classification, exact
// scaling by powers of two, error-free transformations, and the conversion of
// the internal long double result to the caller's type.
//
// Everything here is plain constexpr C++20 that is also callable at run time.
// No compiler builtins are used; the only bit-level operation is std::bit_cast
// of float and double (long double is never bit_cast: Clang cannot do that in
// constant evaluation, and its padding bytes would be indeterminate).
//
// Constant evaluation rejects arithmetic that produces an infinity or a NaN
// (Clang) and division by zero (both compilers), so the code never does such
// arithmetic: special values are handled first, results that overflow are
// produced from std::numeric_limits.

#include <bit>
#include <concepts>
#include <cstdint>
#include <limits>
#include <type_traits>

#include "constants.hpp"

namespace chainrule::math::detail {

/// The internal working type.  On x86-64 it is the x87 80-bit format with a
/// 64-bit significand, 11 bits more than double, and both GCC and Clang
/// constant-evaluate it in exactly that format.
using L = long double;

static_assert(std::numeric_limits<L>::digits >= 64 && std::numeric_limits<L>::max_exponent >= 16384,
              "chainrule::math computes in long double and needs at least the x87 80-bit format "
              "(64-bit significand), as on x86-64 Linux");
static_assert(std::numeric_limits<double>::is_iec559 && std::numeric_limits<float>::is_iec559,
              "chainrule::math needs IEEE 754 float and double");

template <class T>
inline constexpr T inf_v = std::numeric_limits<T>::infinity();
template <class T>
inline constexpr T nan_v = std::numeric_limits<T>::quiet_NaN();

template <class T>
constexpr bool is_nan(T x) noexcept {
    return x != x;
}

template <class T>
constexpr bool is_inf(T x) noexcept {
    return x == inf_v<T> || x == -inf_v<T>;
}

template <class T>
constexpr bool is_finite(T x) noexcept {
    return !is_nan(x) && !is_inf(x);
}

/// Sign bit, including that of -0.0 and of NaNs.
template <class T>
constexpr bool sign_bit(T x) noexcept {
    if constexpr (std::is_same_v<T, float>) {
        return (std::bit_cast<std::uint32_t>(x) >> 31) != 0;
    } else if constexpr (sizeof(T) == sizeof(std::uint64_t)) {
        return (std::bit_cast<std::uint64_t>(x) >> 63) != 0;
    } else {
        // long double: zeros and NaNs convert to double exactly with their
        // sign; every other value is ordered.
        if (x < 0) return true;
        if (x > 0) return false;
        return sign_bit(static_cast<double>(x));
    }
}

template <class T>
constexpr T abs_v(T x) noexcept {
    return sign_bit(x) ? -x : x;
}

template <class T>
constexpr T copy_sign(T mag, T sgn) noexcept {
    return sign_bit(mag) == sign_bit(sgn) ? mag : -mag;
}

// ---------------------------------------------------------------------------
// Powers of two.  2^(2^i) and 2^-(2^i), i = 0..13, cover the whole long
// double exponent range; products of them are exact.
// ---------------------------------------------------------------------------
inline constexpr L pow2_pos[14] = {0x1p1L,   0x1p2L,   0x1p4L,   0x1p8L,    0x1p16L,   0x1p32L,   0x1p64L,
                                   0x1p128L, 0x1p256L, 0x1p512L, 0x1p1024L, 0x1p2048L, 0x1p4096L, 0x1p8192L};
inline constexpr L pow2_neg[14] = {0x1p-1L,   0x1p-2L,   0x1p-4L,   0x1p-8L,    0x1p-16L,   0x1p-32L,   0x1p-64L,
                                   0x1p-128L, 0x1p-256L, 0x1p-512L, 0x1p-1024L, 0x1p-2048L, 0x1p-4096L, 0x1p-8192L};

/// 2^e for -1024 <= e <= 1023 from two small tables (exact, no loop).
constexpr L pow2_d(int e) noexcept { return k::p2_1[e & 63] * k::p2_64[(e >> 6) + 16]; }

/// 2^e for |e| < 16384 (exact; 2^e must be a normal long double).
constexpr L pow2(int e) noexcept {
    if (e >= -1022 && e <= 1023) return pow2_d(e);
    L r = 1;
    const L* t = e >= 0 ? pow2_pos : pow2_neg;
    unsigned u = static_cast<unsigned>(e >= 0 ? e : -e);
    for (int i = 0; u != 0; ++i, u >>= 1)
        if (u & 1u) r *= t[i];
    return r;
}

/// x * 2^e, rounded once.  The caller guarantees the result does not overflow
/// long double (see scale_checked); underflow rounds correctly once.
constexpr L scale2(L x, int e) noexcept {
    if (e >= -1022 && e <= 1023) return x * pow2_d(e);
    while (e > 8000) {
        x *= 0x1p8000L;
        e -= 8000;
    }
    while (e < -8000) {
        x *= 0x1p-8000L;
        e += 8000;
    }
    return x * pow2(e);
}

/// Exponent of a finite nonzero long double: 2^e <= |x| < 2^(e+1).
constexpr int ilogb(L x) noexcept {
    if (x < 0) x = -x;
    if (x >= 0x1p-1022L && x < 0x1p1023L) {
        // in the range of normal doubles: read the exponent of (double)x and
        // correct it if the conversion rounded up to the next power of two
        const auto bits = std::bit_cast<std::uint64_t>(static_cast<double>(x));
        int e = static_cast<int>(bits >> 52) - 1023;
        if (x < pow2_d(e)) --e;
        return e;
    }
    // elsewhere a binary search over the table of 2^(2^i): 14 comparisons
    int e = 0;
    if (x < 0x1p-16000L) {
        x *= 0x1p200L;
        e -= 200;
    }  // long double subnormals
    if (x >= 1) {
        for (int i = 13; i >= 0; --i)
            if (x >= pow2_pos[i]) {
                x *= pow2_neg[i];
                e += 1 << i;
            }
    } else {
        for (int i = 13; i >= 0; --i)
            if (x < pow2_neg[i]) {
                x *= pow2_pos[i];
                e -= 1 << i;
            }
        // now x in [1/2, 1)
        e -= 1;
    }
    return e;
}

/// x = m * 2^e with m in [1, 2), for finite x > 0 (exact).  One function for
/// both because calls dominate the cost of constant evaluation.
constexpr L frexp_l(L x, int& e) noexcept {
    if (x >= 0x1p-1022L && x < 0x1p1022L) {
        // exponent of (double)x, then scale by 2^-e built from its bits; if the
        // conversion rounded up to the next power of two, m is just below 1
        e = static_cast<int>(std::bit_cast<std::uint64_t>(static_cast<double>(x)) >> 52) - 1023;
        const L m = x * (k::p2_1[-e & 63] * k::p2_64[(-e >> 6) + 16]);  // x 2^-e
        if (m < 1) {
            --e;
            return m * 2;
        }
        return m;
    }
    e = ilogb(x);
    return scale2(x, -e);
}

/// Nearest integer (ties away from zero) of |x| < 2^62, as a long long.
constexpr long long nearest(L x) noexcept { return static_cast<long long>(x >= 0 ? x + 0.5L : x - 0.5L); }

/// Is x (finite) an integer?  Is it an odd integer?
constexpr bool is_integer(L x) noexcept {
    if (x >= 0x1p63L || x <= -0x1p63L) return true;  // all such values are integers
    return static_cast<L>(static_cast<long long>(x)) == x;
}
constexpr bool is_odd_integer(L x) noexcept {
    if (x >= 0x1p64L || x <= -0x1p64L) return false;  // multiples of 2
    if (x >= 0x1p63L || x <= -0x1p63L) {
        // |x| in [2^63, 2^64): the quantum is 1; take x/2 and check
        const L h = x * 0.5L;  // exact
        return !is_integer(h);
    }
    if (!is_integer(x)) return false;
    return (static_cast<long long>(x) & 1) != 0;
}

// ---------------------------------------------------------------------------
// Error-free transformations (Dekker / Knuth) in long double.  A "dd" is an
// unevaluated sum hi + lo with |lo| <= ulp(hi)/2: ~128 significant bits.
// ---------------------------------------------------------------------------
struct dd {
    L hi;
    L lo;
};

constexpr dd two_sum(L a, L b) noexcept {
    const L s = a + b;
    const L bb = s - a;
    const L e = (a - (s - bb)) + (b - bb);
    return {s, e};
}

/// Requires |a| >= |b| (or a == 0).
constexpr dd fast_two_sum(L a, L b) noexcept {
    const L s = a + b;
    return {s, b - (s - a)};
}

/// Veltkamp's constant: splits a 64-bit significand into two 32-bit halves.
inline constexpr L split_c = static_cast<L>(1ull << ((std::numeric_limits<L>::digits + 1) / 2)) + 1;

/// a * b = hi + lo exactly (Dekker; no overflow / underflow assumed).  The
/// splits are written out: a call returning a struct is expensive to
/// constant-evaluate.
constexpr dd two_prod(L a, L b) noexcept {
    const L p = a * b;
    const L ta = split_c * a;
    const L ah = ta - (ta - a);
    const L al = a - ah;
    const L tb = split_c * b;
    const L bh = tb - (tb - b);
    const L bl = b - bh;
    return {p, ((ah * bh - p) + ah * bl + al * bh) + al * bl};
}

/// (a.hi + a.lo) * (b.hi + b.lo), ~126 bits.
constexpr dd dd_mul(dd a, dd b) noexcept {
    dd p = two_prod(a.hi, b.hi);
    p.lo += a.hi * b.lo + a.lo * b.hi;
    return fast_two_sum(p.hi, p.lo);
}

constexpr dd dd_add(dd a, dd b) noexcept {
    dd s = two_sum(a.hi, b.hi);
    s.lo += a.lo + b.lo;
    return fast_two_sum(s.hi, s.lo);
}

// ---------------------------------------------------------------------------
// Conversion of the long double result to the caller's type.
// ---------------------------------------------------------------------------

/// Beyond this magnitude round-to-nearest gives infinity: max + half an ulp.
/// (A variable, not a local constexpr: Clang re-evaluates locals each call.)
template <class T>
inline constexpr L overflow_limit = static_cast<L>(std::numeric_limits<T>::max()) +
                                    pow2(std::numeric_limits<T>::max_exponent - std::numeric_limits<T>::digits - 1);

/// Round v to T once.  Values that round beyond the largest finite T become
/// infinities (produced from numeric_limits: constant evaluation does not allow
/// an overflowing conversion).
template <class T>
constexpr T narrow(L v) noexcept {
    if constexpr (std::is_same_v<T, L>) {
        return v;
    } else {
        if (v < overflow_limit<T> && v > -overflow_limit<T>) return static_cast<T>(v);
        if (v != v) return nan_v<T>;
        return v > 0 ? inf_v<T> : -inf_v<T>;
    }
}

}  // namespace chainrule::math::detail
