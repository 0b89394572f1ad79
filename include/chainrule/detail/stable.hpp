#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/detail/names.hpp"
#include "chainrule/detail/type_list.hpp"
#include "chainrule/expression.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/math.hpp"

#include <array>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <type_traits>

// Stable evaluation of polynomials in sigma and tanh.
//
// The canonical forms multiply out: D<Sigmoid<X>, X, 2> is
// sigma - 3 sigma^2 + 2 sigma^3, and the tenth derivative has coefficients up
// to 6e7. Evaluated as written, the terms cancel: at x = 30, where sigma is
// 1 - 9.4e-14, 1 - 3 + 2 leaves only rounding error, and the tenth derivative
// came out with the wrong sign. The forms are right; the arithmetic that
// evaluates them is not. So before a graph is evaluated (evaluator.hpp), each
// sum or product that is a polynomial P(s) in s = sigma(u) -- its factors
// sigma(u), powers of it, sums of those and constants; the other factors
// of a term are its coefficient -- is evaluated through one function node,
// sigma_polynomial_fn<P>(u), which computes P exactly this way:
//
//   with c = 1 - s = sigma(-u), P(s) = sum_i b_i s^i c^(m-i) (Bernstein form,
//   exact integer coefficients b_i computed at compile time: for the n-th
//   derivative of sigma they are the Eulerian numbers), and with
//   e = exp(-|u|) <= 1, s^i c^(m-i) = e^(m-i) / (1 + e)^m for u >= 0 (e^i /
//   (1 + e)^m for u < 0), so P is one exp, a Horner sum in e -- in a type
//   wider than the result's where its terms cancel (sigma_polynomial_fn's
//   working type) -- and one division.
//
// Nothing is subtracted from 1, so the tails keep their digits, and the
// coefficients are those of the well-conditioned basis. A polynomial in
// t = tanh(u) is the same with t = 2 sigma(2u) - 1.
//
// The types D, printing and gradients see are not touched: only the graph
// the forward sweep builds for eval, Jacobian and Hessian entries, in a
// floating-point type (a user's scalar type sees the expression as written). A sum is
// rewritten only where that can matter (a polynomial of two or more terms);
// what holds no sum or product that may be rewritten is not walked at all
// (walk_flags).
//
// Rational sums. A sum of terms c u^j q(u)^e over one polynomial q, as the
// derivatives of atan, asinh, acosh and sqrt(x^2 + 5) are written, is
// evaluated over its common denominator, q^(e_min) P(u), by one node
// (rational_polynomial_fn; "rational sums" below).
//
// Gaussian polynomial sums. A sum of terms c u^j e R, e = exp(c' u^(2k)) and R
// the same constants in every term, as the derivatives of erf, erfc and gelu
// are written, is evaluated as R P(u) e, P(u) e by one node
// (gaussian_polynomial_fn; "Gaussian polynomial sums" below).
//
// Trigonometric polynomial sums. A sum of terms c u^j cos(v)^a sin(v)^b R,
// v a polynomial in u and R the same factors in every term, as the
// derivatives of e^(sin x^2) are written, is evaluated as R P(u) by one node
// (trig_polynomial_fn: v, sin v, cos v and P in the wider type;
// "trigonometric polynomial sums" below).
//
// Gaussian tails. D<Gelu<X>, X, 2> is 2 phi - x^2 phi, phi = e^(-x^2/2) /
// sqrt(2 pi); as written, x^2 overflows to inf for |x| > 1.3e154 while
// e^(-x^2/2) underflows to 0, and inf * 0 is NaN where the true value is 0.
// So, likewise for floating-point evaluation only, a product's factors u^m
// (m a positive integer, u^1 = u itself) and exp(c u^(2k)) (c < 0 an exact
// constant) are evaluated as one node, gaussian_tail_fn<m, c, k>(u, exp(c
// u^(2k))): u^m times the exponential as before (the exponential stays a node
// of its own, shared with the other terms), and where the exponential is not
// a normal number or u^m overflows, the product in log space, exp(m ln|u| +
// c u^(2k)) in a wider type, with its sign: 0 with u^m's sign where the true
// value underflows, also at u = +-inf; NaN for NaN. A product without such a
// pair is not walked.
namespace chainrule {
struct sigmoid_fn;
struct tanh_fn;
struct cbrt_fn;
struct exp_fn;
struct sqrt_fn;
struct sin_fn;
struct cos_fn;
}  // namespace chainrule

namespace chainrule::detail {

// --------------------------------------------------- exact wide integers

// A signed integer of 128 bits (four 32-bit limbs), enough for the
// coefficients of the 20th derivative of tanh (about 1e26) and their
// products; what does not fit is reported (ok = false) and that sum is then
// evaluated as written.
inline constexpr std::size_t wide_limbs = 4;
struct wide {
    std::array<std::uint32_t, wide_limbs> limb{};
    bool negative = false;
};

constexpr wide wide_of(long long v) {
    wide w{};
    w.negative = v < 0;
    unsigned long long m = v < 0 ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
    w.limb[0] = static_cast<std::uint32_t>(m & 0xffffffffULL);
    w.limb[1] = static_cast<std::uint32_t>(m >> 32);
    return w;
}
constexpr bool is_zero(const wide& w) {
    for (std::uint32_t l : w.limb)
        if (l != 0) return false;
    return true;
}
// |a| <=> |b|
constexpr int compare_magnitude(const wide& a, const wide& b) {
    for (std::size_t k = wide_limbs; k-- > 0;)
        if (a.limb[k] != b.limb[k]) return a.limb[k] < b.limb[k] ? -1 : 1;
    return 0;
}
constexpr wide add_magnitudes(const wide& a, const wide& b, bool& ok) {
    wide r{};
    std::uint64_t carry = 0;
    for (std::size_t k = 0; k < wide_limbs; ++k) {
        std::uint64_t s = std::uint64_t{a.limb[k]} + b.limb[k] + carry;
        r.limb[k] = static_cast<std::uint32_t>(s & 0xffffffffULL);
        carry = s >> 32;
    }
    if (carry != 0) ok = false;
    return r;
}
// |a| - |b|, where |a| >= |b|
constexpr wide subtract_magnitudes(const wide& a, const wide& b) {
    wide r{};
    std::int64_t borrow = 0;
    for (std::size_t k = 0; k < wide_limbs; ++k) {
        std::int64_t d = std::int64_t{a.limb[k]} - b.limb[k] - borrow;
        borrow = d < 0 ? 1 : 0;
        r.limb[k] = static_cast<std::uint32_t>(d < 0 ? d + (std::int64_t{1} << 32) : d);
    }
    return r;
}
constexpr wide wide_add(const wide& a, const wide& b, bool& ok) {
    wide r{};
    if (a.negative == b.negative) {
        r = add_magnitudes(a, b, ok);
        r.negative = a.negative;
    } else if (compare_magnitude(a, b) >= 0) {
        r = subtract_magnitudes(a, b);
        r.negative = a.negative;
    } else {
        r = subtract_magnitudes(b, a);
        r.negative = b.negative;
    }
    if (is_zero(r)) r.negative = false;
    return r;
}
constexpr wide wide_multiply(const wide& a, const wide& b, bool& ok) {
    std::array<std::uint64_t, 2 * wide_limbs> acc{};
    for (std::size_t i = 0; i < wide_limbs; ++i) {
        if (a.limb[i] == 0) continue;
        std::uint64_t carry = 0;
        for (std::size_t j = 0; j < wide_limbs; ++j) {
            std::uint64_t p = std::uint64_t{a.limb[i]} * b.limb[j] + acc[i + j] + carry;
            acc[i + j] = p & 0xffffffffULL;
            carry = p >> 32;
        }
        acc[i + wide_limbs] += carry;
    }
    wide r{};
    for (std::size_t k = 0; k < 2 * wide_limbs; ++k) {
        if (k < wide_limbs) r.limb[k] = static_cast<std::uint32_t>(acc[k]);
        else if (acc[k] != 0) ok = false;
    }
    r.negative = !is_zero(r) && (a.negative != b.negative);
    return r;
}
constexpr bool fits_in_sign_bit(const wide& w) { return (w.limb[wide_limbs - 1] & 0x80000000U) == 0; }

// The value of w in a floating type F, rounded at most a few times.
template <class F>
constexpr F wide_value(const wide& w) {
    F r = F(0);
    for (std::size_t k = wide_limbs; k-- > 0;) r = F(r * F(4294967296.0L) + F(w.limb[k]));
    return w.negative ? -r : r;
}
// ------------------------------------------------ exact polynomials

inline constexpr std::size_t polynomial_capacity = 24;

/// A polynomial with exact rational coefficients num[k] / den.
struct exact_polynomial {
    std::array<wide, polynomial_capacity + 1> num{};
    wide den = wide_of(1);
    std::size_t degree = 0;
    bool ok = true;
};

constexpr exact_polynomial polynomial_constant(long long p, long long q) {
    exact_polynomial r{};
    r.num[0] = wide_of(q < 0 ? -p : p);
    r.den = wide_of(q < 0 ? -q : q);
    return r;
}
constexpr exact_polynomial polynomial_variable() {
    exact_polynomial r{};
    r.num[1] = wide_of(1);
    r.degree = 1;
    return r;
}
constexpr void trim(exact_polynomial& p) {
    while (p.degree > 0 && is_zero(p.num[p.degree])) --p.degree;
}
constexpr exact_polynomial operator+(const exact_polynomial& a, const exact_polynomial& b) {
    exact_polynomial r{};
    r.ok = a.ok && b.ok;
    if (!r.ok) return r;
    r.degree = a.degree > b.degree ? a.degree : b.degree;
    const bool same_den = compare_magnitude(a.den, b.den) == 0;
    for (std::size_t k = 0; k <= r.degree; ++k) {
        wide x = k <= a.degree ? a.num[k] : wide{};
        wide y = k <= b.degree ? b.num[k] : wide{};
        if (!same_den) {
            x = wide_multiply(x, b.den, r.ok);
            y = wide_multiply(y, a.den, r.ok);
        }
        r.num[k] = wide_add(x, y, r.ok);
    }
    r.den = same_den ? a.den : wide_multiply(a.den, b.den, r.ok);
    trim(r);
    return r;
}
constexpr exact_polynomial operator*(const exact_polynomial& a, const exact_polynomial& b) {
    exact_polynomial r{};
    r.ok = a.ok && b.ok && a.degree + b.degree <= polynomial_capacity;
    if (!r.ok) return r;
    r.degree = a.degree + b.degree;
    for (std::size_t i = 0; i <= a.degree; ++i) {
        if (is_zero(a.num[i])) continue;
        for (std::size_t j = 0; j <= b.degree; ++j)
            if (!is_zero(b.num[j]))
                r.num[i + j] = wide_add(r.num[i + j], wide_multiply(a.num[i], b.num[j], r.ok), r.ok);
    }
    r.den = wide_multiply(a.den, b.den, r.ok);
    trim(r);
    return r;
}
constexpr exact_polynomial polynomial_power(const exact_polynomial& a, long long k) {
    if (a.degree == 1 && is_zero(a.num[0]) && !a.num[1].negative && compare_magnitude(a.num[1], wide_of(1)) == 0 &&
        compare_magnitude(a.den, wide_of(1)) == 0 && k <= static_cast<long long>(polynomial_capacity)) {
        exact_polynomial r{};  // x^k, the common case, without k multiplications
        r.num[static_cast<std::size_t>(k)] = wide_of(1);
        r.degree = static_cast<std::size_t>(k);
        return r;
    }
    exact_polynomial r = polynomial_constant(1, 1);
    for (long long j = 0; j < k && r.ok; ++j) r = r * a;
    return r;
}
constexpr std::size_t nonzero_terms(const exact_polynomial& p) {
    std::size_t n = 0;
    for (std::size_t k = 0; k <= p.degree; ++k) n += is_zero(p.num[k]) ? 0 : 1;
    return n;
}
// P(2 p - 1): a polynomial in tanh(u) as one in sigma(2u).
constexpr exact_polynomial tanh_to_sigmoid(const exact_polynomial& p) {
    exact_polynomial two_p_minus_one{};
    two_p_minus_one.num[0] = wide_of(-1);
    two_p_minus_one.num[1] = wide_of(2);
    two_p_minus_one.degree = 1;
    exact_polynomial r{};
    r.ok = p.ok;
    for (std::size_t k = p.degree + 1; k-- > 0 && r.ok;) {
        r = r * two_p_minus_one;
        exact_polynomial c{};
        c.num[0] = p.num[k];
        r = r + c;
    }
    r.den = p.den;
    return r;
}

// ----------------------------------------- the function sigma_polynomial

/// What a sigma_polynomial_fn carries: P(s) of degree M in the Bernstein
/// basis, sum_i b[i] / den s^i (1 - s)^(M - i) (the basis it is evaluated
/// in; computed once, where the node is formed). ok: b and den fit.
template <std::size_t M>
struct sigma_polynomial_data {
    std::array<wide, M + 1> b{};
    wide den{};
    bool ok = true;
};

// The Bernstein coefficients of P (num[0..m]) of degree m, over its den:
// s^k = s^k (s + c)^(m - k) = sum_j C(m - k, j) s^(k + j) c^(m - k - j).
template <std::size_t N>
constexpr std::array<wide, N> bernstein_of(const wide* num, std::size_t m, bool& ok) {
    std::array<wide, N> b{};
    for (std::size_t k = 0; k <= m; ++k) {
        if (is_zero(num[k])) continue;
        wide binomial = wide_of(1);  // C(m - k, j)
        for (std::size_t j = 0; k + j <= m; ++j) {
            b[k + j] = wide_add(b[k + j], wide_multiply(num[k], binomial, ok), ok);
            binomial = wide_multiply(binomial, wide_of(static_cast<long long>(m - k - j)), ok);
            // / (j + 1), exact: C(n, j + 1) = C(n, j) (n - j) / (j + 1)
            std::uint64_t rem = 0;
            const std::uint64_t by = j + 1;
            for (std::size_t l = wide_limbs; l-- > 0;) {
                std::uint64_t cur = (rem << 32) | binomial.limb[l];
                binomial.limb[l] = static_cast<std::uint32_t>(cur / by);
                rem = cur % by;
            }
        }
    }
    for (std::size_t k = 0; k <= m; ++k) ok = ok && fits_in_sign_bit(b[k]) && fits_in_sign_bit(num[k]);
    return b;
}

// The data with every limb of every coefficient written explicitly. A
// node's data is a template argument, and g++ 12 takes two such values for
// the same where one has a nonzero element in a slot of an array the other
// left value-initialized and vice versa ({[0] = 1} and {[1] = 1}: `template
// <auto D> struct T` gives T<{1, 0}> and T<{0, 1}> one type); written out
// in full, they compare slot by slot.
template <std::size_t M>
constexpr sigma_polynomial_data<M> written_out(const std::array<wide, M + 1>& b, const wide& den, bool ok) {
    sigma_polynomial_data<M> d{};
    auto copy = [](wide& to, const wide& from) {
        for (std::size_t l = 0; l < wide_limbs; ++l) to.limb[l] = from.limb[l];
        to.negative = from.negative;
    };
    for (std::size_t k = 0; k <= M; ++k) copy(d.b[k], b[k]);
    copy(d.den, den);
    d.ok = ok;
    return d;
}

// P (degree M) as a node's data.
template <std::size_t M>
constexpr sigma_polynomial_data<M> data_of(const exact_polynomial& p) {
    bool ok = p.ok && p.degree == M;
    const std::array<wide, M + 1> b = bernstein_of<M + 1>(p.num.data(), M, ok);
    return written_out<M>(b, p.den, ok && fits_in_sign_bit(p.den));
}

// The order key of a polynomial: its coefficients spelled out, so that two
// polynomials of one argument order by their coefficients on every compiler.
template <std::size_t M>
constexpr std::array<char, (M + 2) * (8 * wide_limbs + 2) + 1> polynomial_key(const sigma_polynomial_data<M>& d) {
    std::array<char, (M + 2) * (8 * wide_limbs + 2) + 1> key{};
    std::size_t n = 0;
    auto put = [&](const wide& w) {
        key[n++] = w.negative ? '-' : '+';
        for (std::size_t l = wide_limbs; l-- > 0;)
            for (int nibble = 7; nibble >= 0; --nibble)
                key[n++] = "0123456789abcdef"[(w.limb[l] >> (4 * nibble)) & 0xfU];
        key[n++] = ',';
    };
    for (std::size_t k = 0; k <= M; ++k) put(d.b[k]);
    put(d.den);
    key[n] = '\0';
    return key;
}

template <class T>
struct wider_scalar {
    using type = T;
};
template <>
struct wider_scalar<float> {
    using type = double;
};
template <>
struct wider_scalar<double> {
    using type = long double;
};

// When a double may be evaluated in double. The wider type of a double is
// long double, which on x86-64 is the x87 unit: sigma' took 15 ns in it
// against 5 ns in double. So the polynomial nodes below evaluate a double in
// double where that is as accurate:
//  - a Horner sum whose terms have one sign (over e >= 0 in the sigma
//    polynomials): each rounding is relative to the result;
//  - else, for a polynomial of degree at most double_degree_limit, where the
//    terms' magnitudes sum to at most cancellation_limit times the sum (the
//    error is then within that factor of the one-sign case; terms_cancel
//    below), and in long double where they do. Without the degree limit
//    those bounded errors reached 1.4e-14 in Taylor mode's combinations
//    (tests/accuracy, loss_taylor at order 14, where Boost.Math is within
//    5e-15).
// A float is evaluated in double (as fast as float), a long double in long
// double.
inline constexpr std::size_t double_degree_limit = 4;
inline constexpr int cancellation_limit = 2;
template <class T>
constexpr bool double_when_no_cancellation(std::size_t degree) {
    return std::is_same_v<T, double> && degree <= double_degree_limit;
}
template <class W>
constexpr bool terms_cancel(W sum, W magnitudes) {
    return magnitudes > W(cancellation_limit) * math::abs(sum);
}

// d/du P(sigma(u)), in the Bernstein basis of degree M + 1: with s' = s c,
// d/du s^i c^(M - i) = i s^i c^(M + 1 - i) - (M - i) s^(i + 1) c^(M - i), so
// b'[j] = j b[j] - (M + 1 - j) b[j - 1].
template <std::size_t M>
constexpr sigma_polynomial_data<M + 1> derivative_data(const sigma_polynomial_data<M>& d) {
    std::array<wide, M + 2> b{};
    bool ok = d.ok;
    for (std::size_t j = 0; j <= M + 1; ++j) {
        wide t = j <= M ? wide_multiply(d.b[j], wide_of(static_cast<long long>(j)), ok) : wide{};
        if (j > 0) {
            wide u = wide_multiply(d.b[j - 1], wide_of(-static_cast<long long>(M + 1 - j)), ok);
            t = wide_add(t, u, ok);
        }
        b[j] = t;
        ok = ok && fits_in_sign_bit(t);
    }
    return written_out<M + 1>(b, d.den, ok);
}

/// P(sigma(u)) for the polynomial Data, evaluated in the Bernstein form
/// (see the top of this file). An internal function: eval, Jacobian and
/// Hessian entries use it; it has a derivative rule, as every function does.
template <auto Data>
struct sigma_polynomial_fn {
    static_assert(Data.ok, "chainrule::detail::sigma_polynomial_fn: not a polynomial the node can carry");
    static constexpr std::size_t degree = Data.b.size() - 1;
    static constexpr const char* name = "sigma_polynomial";
    static constexpr auto key_text = polynomial_key(Data);
    static constexpr const char* key = key_text.data();

    template <class U>
    using derivative = apply_t<sigma_polynomial_fn<derivative_data(Data)>, U>;

    // b[i] / den in the working type W
    template <class W>
    static constexpr std::array<W, degree + 1> coefficients = [] {
        std::array<W, degree + 1> b{};
        const W den = wide_value<W>(Data.den);
        for (std::size_t i = 0; i <= degree; ++i) b[i] = wide_value<W>(Data.b[i]) / den;
        return b;
    }();

    // The nonzero coefficients are b[low..high]; one_sign: they have one sign.
    static constexpr std::size_t low = [] {
        std::size_t i = 0;
        while (i < degree && is_zero(Data.b[i])) ++i;
        return i;
    }();
    static constexpr std::size_t high = [] {
        std::size_t i = degree;
        while (i > low && is_zero(Data.b[i])) --i;
        return i;
    }();
    static constexpr bool one_sign = [] {
        bool positive = false, negative = false;
        for (const wide& w : Data.b)
            if (!is_zero(w)) (w.negative ? negative : positive) = true;
        return !(positive && negative);
    }();

    // sum_i b_i e^(m - i) (right) or sum_i b_i e^i, in W, by Horner: the same
    // operations as Horner over every coefficient, less those on the zeros it
    // starts with (0 e + 0 is 0 exactly); the zeros it ends with still add
    // +0, which keeps a -0 product +0 as before. Magnitudes: with |b_i|.
    template <class W, bool Magnitudes = false>
    static constexpr W sum_in(W e, bool right) {
        constexpr const std::array<W, degree + 1>& c = coefficients<W>;
        auto b = [&](std::size_t i) { return Magnitudes && c[i] < W(0) ? -c[i] : c[i]; };
        W acc = b(right ? low : high);
        if (right) {
            for (std::size_t i = low + 1; i <= high; ++i) acc = acc * e + b(i);
            for (std::size_t i = high; i < degree; ++i) acc = acc * e + W(0);
        } else {
            for (std::size_t i = high; i-- > low;) acc = acc * e + b(i);
            for (std::size_t i = 0; i < low; ++i) acc = acc * e + W(0);
        }
        return acc;
    }
    template <class W>
    static constexpr W scale_in(W e) {
        W scale = W(1) + e;
        for (std::size_t i = 1; i < degree; ++i) scale *= W(1) + e;
        return scale;
    }

    // (The working type: double_when_no_cancellation, above.)
    template <std::floating_point T>
    static constexpr T eval(T u) {
        using W = typename wider_scalar<T>::type;
        if (u != u) return u;  // NaN in, NaN out (and no NaN arithmetic, which Clang refuses in constant evaluation)
        const bool right = !(u < T(0));
        const T e = math::detail::exp_minus_magnitude(u);  // (the exp sigma(u) computes: see that function)
        if constexpr (std::is_same_v<T, double> && one_sign) {
            return sum_in<T>(e, right) / scale_in<T>(e);
        } else if constexpr (double_when_no_cancellation<T>(degree)) {
            const T sum = sum_in<T>(e, right);
            if (!terms_cancel(sum, sum_in<T, true>(e, right))) return sum / scale_in<T>(e);
        }
        return T(sum_in<W>(W(e), right) / scale_in<W>(W(e)));
    }
};

// Whether P (in sigma) can be a node: exact, of degree 1 or more, its
// Bernstein coefficients within the wide integers.
constexpr bool usable(const exact_polynomial& p) {
    if (!p.ok || p.degree == 0) return false;
    bool ok = true;
    (void)bernstein_of<polynomial_capacity + 1>(p.num.data(), p.degree, ok);
    return ok && fits_in_sign_bit(p.den);
}

// ---------------------------------------------------- Gaussian tails

// x^N as the evaluator computes a power node (evaluator.hpp, which defines it).
template <long long N, class T>
constexpr T integer_power(const T& x);

// c u^(2k), c < 0 an exact constant, k >= 1: the argument of a Gaussian tail.
template <class A>
struct gaussian_exponent : std::false_type {};
template <class C, class U, long long N>
    requires(is_constant<C>::value&& N > 0 && N % 2 == 0)
struct gaussian_exponent<Product<C, Power<U, Int<N>>>> : std::bool_constant<(C::numerator < 0)> {
    using base = U;
    static constexpr long long c_num = C::numerator, c_den = C::denominator, k = N / 2;
};

// exp(c u^(2k)) as a factor.
template <class F>
struct gaussian_factor : std::false_type {};
template <class A>
struct gaussian_factor<Call<exp_fn, A>> : gaussian_exponent<A> {};

// The degree m of a factor u^m (m > 0) in U, else 0.
template <class F, class U>
inline constexpr long long monomial_degree = 0;
template <class U>
inline constexpr long long monomial_degree<U, U> = 1;
template <class U, long long M>
inline constexpr long long monomial_degree<Power<U, Int<M>>, U> = M > 0 ? M : 0;

// In the factors Fs of a product: the first factor exp(c u^(2k)) with a factor
// u^m beside it, and that factor (found = false where there is none).
struct gaussian_match {
    bool found = false;
    std::size_t exponential = 0, monomial = 0;
};
// For G = exp(c u^(2k)), the index of the first factor u^m among Fs; n when
// G is not such a factor or no factor is its partner.
template <bool Gaussian, class G, class... Fs>
struct gaussian_partner : std::integral_constant<std::size_t, sizeof...(Fs)> {};
template <class G, class... Fs>
struct gaussian_partner<true, G, Fs...>
    : std::integral_constant<std::size_t,
                             first_true({(monomial_degree<Fs, typename gaussian_factor<G>::base> > 0)...})> {};
constexpr gaussian_match first_gaussian_pair(std::initializer_list<std::size_t> partners) {
    std::size_t i = 0;
    for (const std::size_t p : partners) {
        if (p < partners.size()) return gaussian_match{true, i, p};
        ++i;
    }
    return {};
}
template <gaussian_match M>
struct gaussian_match_constant {
    static constexpr gaussian_match value = M;
};
// The first factor exp(c u^(2k)) of a product with a partner u^m, and that
// partner. (Each an integral_constant base or a plain function of values,
// never a member of its own named after the factors: see compare_at in
// detail/order.hpp.)
template <class... Fs>
struct gaussian_pair : gaussian_match_constant<first_gaussian_pair(
                           {gaussian_partner<gaussian_factor<Fs>::value, Fs, Fs...>::value...})> {};

// The order key of a node: its integer parameters spelled out.
template <long long... Vs>
constexpr std::array<char, 21 * sizeof...(Vs) + 1> integers_key() {
    std::array<char, 21 * sizeof...(Vs) + 1> key{};
    std::size_t n = 0;
    for (long long v : {Vs...}) {
        if (v < 0) key[n++] = '-';
        n += write_decimal(magnitude_of(v), key.data() + n);
        key[n++] = ',';
    }
    key[n - 1] = '\0';
    return key;
}

// c u^(2k), c = c_num / c_den, in W: -inf where the power overflows.
template <class W>
constexpr W gaussian_exponent_value(W w, long long c_num, long long c_den, long long k) {
    using math::detail::ieee_mul;
    const W square = ieee_mul(w, w);
    W power = square;
    for (long long j = 1; j < k; ++j) power = ieee_mul(power, square);
    return math::detail::ieee_div(ieee_mul(W(c_num), power), W(c_den));
}

// u^m e^(c u^(2k)) where e^(c u^(2k)) is below the normal range or u^m
// overflows: exp(m ln|u| + c u^(2k)) in a wider type where there is one (its
// exponent range holds u^(2k) for every u of T), with its sign: 0 where the
// true value underflows, also at u = +-inf. (One function for every m, c, k:
// the rare path of gaussian_tail_fn::eval.)
template <class T>
constexpr T gaussian_tail_in_log_space(T u, long long m, long long c_num, long long c_den, long long k) {
    const bool negative = m % 2 == 1 && u < T(0);
    if (math::isinf(u)) return negative ? T(-0.0) : T(0.0);
    using W = typename wider_scalar<T>::type;
    const W w = W(u);
    const W r =
        math::exp(math::detail::ieee_add(W(m) * math::log(math::abs(w)), gaussian_exponent_value(w, c_num, c_den, k)));
    return T(negative ? -r : r);
}

/// u^M e, where e is exp(c u^(2K)), c = CNum / CDen < 0: an internal function
/// of two arguments (see the top of this file), which eval, Jacobian and
/// Hessian entries use; it has its partial derivatives, as every function does.
template <long long M, long long CNum, long long CDen, long long K>
struct gaussian_tail_fn {
    static_assert(M > 0 && CNum < 0 && CDen > 0 && K > 0, "chainrule::detail::gaussian_tail_fn: not a Gaussian tail");
    static constexpr const char* name = "gaussian_tail";
    static constexpr auto key_text = integers_key<M, CNum, CDen, K>();
    static constexpr const char* key = key_text.data();

    template <class U, class E>
    using derivative = Partials<Mul<Int<M>, Pow<U, Int<M - 1>>, E>, Pow<U, Int<M>>>;

    template <std::floating_point T>
    static constexpr T eval(T u, T e) {
        if (u != u) return u;  // NaN in, NaN out (and no NaN arithmetic: Clang refuses it in constant evaluation)
        // u^M e as the product computed it, where that is sound: u^M as the
        // power node does (x^3 = x * x * x), e not below the normal range.
        const T power = integer_power<M>(u);
        if (!(e < std::numeric_limits<T>::min()) && !math::isinf(power)) return math::detail::ieee_mul(power, e);
        return gaussian_tail_in_log_space(u, M, CNum, CDen, K);
    }
};

// ------------------------------------------------------- the analysis

// sigmoid and tanh: polynomials in sigma(U) or tanh(U); variable: polynomials
// in U itself (rational sums, below).
enum class atom_kind : unsigned char { none, sigmoid, tanh, variable };

// A factor q^e of a rational sum's term (see "Rational sums" below): q a sum
// or a product, e a negative integer or an odd number of halves, q^-3,
// q^(-7/2), sqrt(q), sqrt(q)^-5; halves is 2e.
template <class B>
inline constexpr bool is_compound = false;
template <class... Ts>
inline constexpr bool is_compound<Sum<Ts...>> = true;
template <class... Fs>
inline constexpr bool is_compound<Product<Fs...>> = true;
// (value and halves as an integral base, not members of their own: see
// compare_at in detail/order.hpp)
template <bool Value, long long Halves>
struct base_factor_info {
    static constexpr bool value = Value;
    static constexpr long long halves = Halves;
};
template <class F>
struct base_factor : base_factor_info<false, 0> {
    using base = void;
};
template <class B, long long K>
struct base_factor<Power<B, Int<K>>> : base_factor_info<(is_compound<B> && K < 0), 2 * K> {
    using base = B;
};
template <class B, long long P, long long Q>
struct base_factor<Power<B, Ratio<P, Q>>> : base_factor_info<(is_compound<B> && Q == 2), P> {
    using base = B;
};
template <class B>
struct base_factor<Call<sqrt_fn, B>> : base_factor_info<is_compound<B>, 1> {
    using base = B;
};
template <class B, long long K>
struct base_factor<Power<Call<sqrt_fn, B>, Int<K>>> : base_factor_info<is_compound<B>, K> {
    using base = B;
};
// Whether a term has such a factor.
template <class T>
struct term_has_base : std::bool_constant<base_factor<T>::value> {};
template <class... Fs>
struct term_has_base<Product<Fs...>> : std::bool_constant<any_of({base_factor<Fs>::value...})> {};

// The first sigma(u) or tanh(u) met in a sum or product, through positive
// integer powers and nested sums and products (not through function
// arguments).
template <class E>
struct atom_search {
    static constexpr atom_kind kind = atom_kind::none;
    using argument = void;
};
template <class U>
struct atom_search<Call<sigmoid_fn, U>> {
    static constexpr atom_kind kind = atom_kind::sigmoid;
    using argument = U;
};
template <class U>
struct atom_search<Call<tanh_fn, U>> {
    static constexpr atom_kind kind = atom_kind::tanh;
    using argument = U;
};
template <class B, long long K>
struct atom_search<Power<B, Int<K>>> : if_t<(K > 0), atom_search<B>, atom_search<void>> {};

template <class... Ts>
constexpr std::size_t first_atom_index() {
    constexpr bool found[] = {(atom_search<Ts>::kind != atom_kind::none)...};
    for (std::size_t k = 0; k < sizeof...(Ts); ++k)
        if (found[k]) return k;
    return sizeof...(Ts);
}
template <class... Ts>
struct first_atom
    : if_t<(first_atom_index<Ts...>() < sizeof...(Ts)),
           atom_search<at_t<first_atom_index<Ts...>() % sizeof...(Ts), type_list<Ts...>>>, atom_search<void>> {};
template <class... Ts>
struct atom_search<Sum<Ts...>> : first_atom<Ts...> {};
template <class... Fs>
struct atom_search<Product<Fs...>> : first_atom<Fs...> {};

// Whether something in E may be rewritten: a sum of two terms or more one
// of which has sigma or tanh at its top (atom_search), sin or cos (a
// candidate trigonometric polynomial sum) or a factor q^e (base_factor, a
// candidate rational sum); a product with two factors or
// more that have sigma or tanh at their top, or with a Gaussian tail
// (gaussian_pair); or such a sum or product anywhere inside. Anything else
// is left as it is, unwalked: a lone sigma(u) or tanh(u)^k gains nothing, so
// that a chain tanh(w_n tanh(... tanh(w_1 x))) is not walked level by level
// (a walk 128 levels deep exceeded Clang's template depth). One
// instantiation per subexpression: atom, whether sigma or tanh is at E's top
// (as atom_search finds it); rewrite, whether E may be rewritten; trig,
// whether sin or cos is at E's top (through products, sums and integer
// powers), so that a program without them never forms the analysis.
template <bool Atom, bool Rewrite, bool Trig = false>
struct walk_result {
    static constexpr bool atom = Atom, rewrite = Rewrite, trig = Trig;
};
template <class E>
struct walk_flags : walk_result<false, false> {};
template <class U>
struct walk_flags<Call<sigmoid_fn, U>> : walk_result<true, walk_flags<U>::rewrite> {};
template <class U>
struct walk_flags<Call<tanh_fn, U>> : walk_result<true, walk_flags<U>::rewrite> {};
template <class U>
struct walk_flags<Call<sin_fn, U>> : walk_result<false, walk_flags<U>::rewrite, true> {};
template <class U>
struct walk_flags<Call<cos_fn, U>> : walk_result<false, walk_flags<U>::rewrite, true> {};
template <class Fn, class... As>
struct walk_flags<Call<Fn, As...>> : walk_result<false, any_of({walk_flags<As>::rewrite...})> {};
template <class B, class E>
struct walk_flags<Power<B, E>> : walk_result<false, (walk_flags<B>::rewrite || walk_flags<E>::rewrite)> {};
template <class B, long long K>
struct walk_flags<Power<B, Int<K>>>
    : walk_result<(K > 0 && walk_flags<B>::atom), walk_flags<B>::rewrite, (K != 0 && walk_flags<B>::trig)> {};
// cbrt(u)^k for |k| >= 3 is rewritten (cbrt_power, below).
template <class U, long long K>
struct walk_flags<Power<Call<cbrt_fn, U>, Int<K>>> : walk_result<false, (K >= 3 || K <= -3 || walk_flags<U>::rewrite)> {
};
// A sum of two terms or more may be rewritten where one has sigma or tanh at
// its top (Atom), sin or cos (Trig) or a factor q^e.
template <bool Atom, bool Trig, class... Ts>
struct sum_walk : walk_result<Atom,
                              ((sizeof...(Ts) >= 2 && (Atom || Trig || any_of({term_has_base<Ts>::value...}))) ||
                               any_of({walk_flags<Ts>::rewrite...})),
                              Trig> {};
template <class... Ts>
struct walk_flags<Sum<Ts...>> : sum_walk<any_of({walk_flags<Ts>::atom...}), any_of({walk_flags<Ts>::trig...}), Ts...> {
};
template <class... Fs>
struct walk_flags<Product<Fs...>>
    : walk_result<any_of({walk_flags<Fs>::atom...}),
                  (add_up<std::size_t>({std::size_t{walk_flags<Fs>::atom}...}) >= 2 ||
                   gaussian_pair<Fs...>::value.found || any_of({walk_flags<Fs>::rewrite...})),
                  any_of({walk_flags<Fs>::trig...})> {};

// F as a polynomial in a = sigma(U) (K = sigmoid) or tanh(U) (K = tanh),
// where it is one: a, its positive integer powers, constants, and sums and
// products of those.
template <class F, atom_kind K, class U>
struct polynomial_info {
    static constexpr bool ok = false;
    static constexpr exact_polynomial value{};
};
template <class U>
struct polynomial_info<Call<sigmoid_fn, U>, atom_kind::sigmoid, U> {
    static constexpr bool ok = true;
    static constexpr exact_polynomial value = polynomial_variable();
};
template <class U>
struct polynomial_info<Call<tanh_fn, U>, atom_kind::tanh, U> {
    static constexpr bool ok = true;
    static constexpr exact_polynomial value = polynomial_variable();
};
template <class U>
struct polynomial_info<U, atom_kind::variable, U> {
    static constexpr bool ok = true;
    static constexpr exact_polynomial value = polynomial_variable();
};
template <long long N, atom_kind K, class U>
struct polynomial_info<Int<N>, K, U> {
    static constexpr bool ok = true;
    static constexpr exact_polynomial value = polynomial_constant(N, 1);
};
template <long long P, long long Q, atom_kind K, class U>
struct polynomial_info<Ratio<P, Q>, K, U> {
    static constexpr bool ok = true;
    static constexpr exact_polynomial value = polynomial_constant(P, Q);
};
template <class B, long long N, atom_kind K, class U>
struct polynomial_info<Power<B, Int<N>>, K, U> {
    static constexpr bool ok = N > 0 && polynomial_info<B, K, U>::ok;
    static constexpr exact_polynomial value = [] {
        if constexpr (!ok) {
            return exact_polynomial{};
        } else {
            return polynomial_power(polynomial_info<B, K, U>::value, N);
        }
    }();
};
template <class... Ts, atom_kind K, class U>
struct polynomial_info<Sum<Ts...>, K, U> {
    static constexpr bool ok = all_of({polynomial_info<Ts, K, U>::ok...});
    static constexpr exact_polynomial value = [] {
        exact_polynomial r = polynomial_constant(0, 1);
        if constexpr (ok)
            for (const exact_polynomial* p : {&polynomial_info<Ts, K, U>::value...}) r = r + *p;
        return r;
    }();
};
template <class... Fs, atom_kind K, class U>
struct polynomial_info<Product<Fs...>, K, U> {
    static constexpr bool ok = all_of({polynomial_info<Fs, K, U>::ok...});
    static constexpr exact_polynomial value = [] {
        exact_polynomial r = polynomial_constant(1, 1);
        if constexpr (ok)
            for (const exact_polynomial* p : {&polynomial_info<Fs, K, U>::value...}) r = r * *p;
        return r;
    }();
};

template <class L>
struct product_of_list;
template <>
struct product_of_list<type_list<>> {
    using type = Int<1>;
};
template <class F>
struct product_of_list<type_list<F>> {
    using type = F;
};
template <class F, class G, class... Fs>
struct product_of_list<type_list<F, G, Fs...>> : multiply_many<F, G, Fs...> {};

template <class L>
struct sum_of_list;
template <>
struct sum_of_list<type_list<>> {
    using type = Int<0>;
};
template <class T>
struct sum_of_list<type_list<T>> {
    using type = T;
};
template <class T, class S, class... Ts>
struct sum_of_list<type_list<T, S, Ts...>> : add_many<T, S, Ts...> {};

// A term of a sum as pairs (coefficient, P(a)), whose products summed are
// the term: P from the factors that are polynomials in a, the coefficient
// (rest) from the others. A factor that is a sum of such terms is
// multiplied out, so that c (s^2 + 2 x s^2 (1 - s)) -- the canonical forms
// keep such factors where the coefficients would grow -- is the pairs
// (1, c s^2) and (x, 2 c s^2 (1 - s)). ok: the term is a polynomial in a (a
// constant is one, of degree 0); otherwise the term is its one pair (T, 1).
template <class T, atom_kind K, class U>
struct polynomial_term {
    static constexpr bool ok = polynomial_info<T, K, U>::ok;
    static constexpr std::size_t count = 1;
    using rests = type_list<if_t<ok, Int<1>, T>>;
    static constexpr std::array<exact_polynomial, 1> values = {ok ? polynomial_info<T, K, U>::value
                                                                  : polynomial_constant(1, 1)};
};

// A factor that is a sum, as the pairs of its terms, where each is a polynomial.
template <class S, atom_kind K, class U>
struct polynomial_sum_pairs {
    static constexpr bool ok = false;
};
// The pairs of terms Ts, one list (a sum's factor, or a sum itself).
template <atom_kind K, class U, class... Ts>
struct polynomial_pairs {
    static constexpr bool ok = all_of({polynomial_term<Ts, K, U>::ok...});
    static constexpr std::array<std::size_t, sizeof...(Ts)> counts = {polynomial_term<Ts, K, U>::count...};
    static constexpr std::size_t count = [] {
        std::size_t c = 0;
        for (std::size_t k : counts) c += k;
        return c;
    }();
    using rests = typename concat_all<typename polynomial_term<Ts, K, U>::rests...>::type;
    static constexpr std::array<exact_polynomial, count> values = [] {
        std::array<exact_polynomial, count> v{};
        std::size_t n = 0, k = 0;
        for (const exact_polynomial* p : {polynomial_term<Ts, K, U>::values.data()...}) {
            for (std::size_t j = 0; j < counts[k]; ++j) v[n++] = p[j];
            ++k;
        }
        return v;
    }();
};
template <class... Ts, atom_kind K, class U>
struct polynomial_sum_pairs<Sum<Ts...>, K, U> : polynomial_pairs<K, U, Ts...> {};

template <class F, atom_kind K, class U>
using rest_of_factor = if_t<polynomial_info<F, K, U>::ok, type_list<>, type_list<F>>;

// A product: its polynomial factors' product p0, and the other factors.
template <atom_kind K, class U, class... Fs>
struct polynomial_product_parts {
    static constexpr exact_polynomial p0 = [] {
        exact_polynomial r = polynomial_constant(1, 1);
        constexpr bool factor_ok[] = {polynomial_info<Fs, K, U>::ok...};
        std::size_t k = 0;
        for (const exact_polynomial* p : {&polynomial_info<Fs, K, U>::value...})
            if (factor_ok[k++]) r = r * *p;
        return r;
    }();
    using others = typename concat_all<rest_of_factor<Fs, K, U>...>::type;
};

template <class Parts, class Others>
struct polynomial_product_unsplit {
    static constexpr bool ok = Parts::p0.degree > 0;
    static constexpr std::size_t count = 1;
    using rests = type_list<typename product_of_list<Others>::type>;
    static constexpr std::array<exact_polynomial, 1> values = {Parts::p0};
};

// The first of the other factors that is a sum of polynomial terms, where
// multiplying it out leaves every pair a polynomial of degree 1 or more.
template <atom_kind K, class U, class Parts, class Others>
struct polynomial_split_index;
template <atom_kind K, class U, class Parts, class... Os>
struct polynomial_split_index<K, U, Parts, type_list<Os...>> {
    template <class O>
    static constexpr bool splits() {
        if constexpr (!polynomial_sum_pairs<O, K, U>::ok) {
            return false;
        } else {
            if (Parts::p0.degree > 0) return true;
            for (const exact_polynomial& v : polynomial_sum_pairs<O, K, U>::values)
                if (v.degree == 0) return false;
            return true;
        }
    }
    static constexpr std::size_t value = [] {
        constexpr bool can[] = {splits<Os>()..., false};
        for (std::size_t k = 0; k < sizeof...(Os); ++k)
            if (can[k]) return k;
        return sizeof...(Os);
    }();
};

template <class R, class... Others>
struct polynomial_pair_rest : product_of_list<type_list<R, Others...>> {};
template <class... Others>
struct polynomial_pair_rest<Int<1>, Others...> : product_of_list<type_list<Others...>> {};

template <atom_kind K, class U, class Parts, class S, class Rests, class Others>
struct polynomial_product_split;
template <atom_kind K, class U, class Parts, class S, class... Rs, class... Os>
struct polynomial_product_split<K, U, Parts, S, type_list<Rs...>, type_list<Os...>> {
    static constexpr bool ok = true;
    static constexpr std::size_t count = sizeof...(Rs);
    using rests = type_list<typename polynomial_pair_rest<Rs, Os...>::type...>;
    static constexpr std::array<exact_polynomial, count> values = [] {
        std::array<exact_polynomial, count> v{};
        for (std::size_t j = 0; j < count; ++j) v[j] = Parts::p0 * polynomial_sum_pairs<S, K, U>::values[j];
        return v;
    }();
};

template <atom_kind K, class U, class Parts, class Others, std::size_t Split>
struct polynomial_product_term : polynomial_product_unsplit<Parts, Others> {};
template <atom_kind K, class U, class Parts, class... Os, std::size_t Split>
    requires(Split < sizeof...(Os))
struct polynomial_product_term<K, U, Parts, type_list<Os...>, Split>
    : polynomial_product_split<K, U, Parts, at_t<Split, type_list<Os...>>,
                               typename polynomial_sum_pairs<at_t<Split, type_list<Os...>>, K, U>::rests,
                               typename concat_all<if_t<std::is_same<Os, at_t<Split, type_list<Os...>>>::value,
                                                        type_list<>, type_list<Os>>...>::type> {};

template <class... Fs, atom_kind K, class U>
struct polynomial_term<Product<Fs...>, K, U>
    : polynomial_product_term<K, U, polynomial_product_parts<K, U, Fs...>,
                              typename polynomial_product_parts<K, U, Fs...>::others,
                              polynomial_split_index<K, U, polynomial_product_parts<K, U, Fs...>,
                                                     typename polynomial_product_parts<K, U, Fs...>::others>::value> {};

template <class E, bool = walk_flags<E>::rewrite>
struct stable {
    using type = E;
};
/// E as the forward sweep evaluates it: polynomials in sigma and tanh
/// through sigma_polynomial_fn, the rest as it is.
template <class E>
using stable_t = typename stable<E>::type;

// P(a) as a node: sigma_polynomial_fn at U, or for tanh at 2U; P is
// Source::value. (P is named by the type that holds it, not passed as a
// value: g++ 12 takes two exact_polynomial template arguments for the same
// where one has a value-initialized coefficient in a slot the other has set
// and vice versa -- {0, 1, -1} and {1, 0, -1} -- and so evaluated 1 - s^2 as
// s - s^2 in a program that had formed the node of s - s^2 first.)
template <atom_kind K, class U, class Source>
struct polynomial_node {
    static constexpr exact_polynomial in_sigma = K == atom_kind::tanh ? tanh_to_sigmoid(Source::value) : Source::value;
    static constexpr bool ok = in_sigma.ok && in_sigma.degree > 0;
    static constexpr auto data = data_of < ok ? in_sigma.degree : 1 > (in_sigma);
    using argument =
        typename if_t<K == atom_kind::tanh, multiply_many<Int<2>, stable_t<U>>, std::type_identity<stable_t<U>>>::type;
    using type = apply_t<sigma_polynomial_fn<data>, argument>;
};

template <class R, class List>
struct first_same;
template <class R, class... Rs>
struct first_same<R, type_list<Rs...>> {
    static constexpr std::size_t in(const bool* eligible) {
        constexpr bool same[] = {std::is_same<R, Rs>::value...};
        for (std::size_t k = 0; k < sizeof...(Rs); ++k)
            if (eligible[k] && same[k]) return k;
        return sizeof...(Rs);
    }
};

// A sum of more pairs than this (see polynomial_term) is evaluated as
// written (grouping its terms compares every pair).
inline constexpr std::size_t polynomial_terms_limit = 192;

// The terms Ts of a sum (or the one term of a product), as their pairs
// (polynomial_term), grouped by coefficient: the sum of coefficient x
// P_group(a) over the groups, and the terms that are not polynomials as
// they are.
template <atom_kind K, class U, class... Ts>
struct polynomial_rewrite {
    using terms = type_list<Ts...>;
    using pairs = polynomial_pairs<K, U, Ts...>;
    static constexpr std::size_t n_terms = sizeof...(Ts);
    static constexpr const auto& counts = pairs::counts;
    static constexpr std::array<bool, sizeof...(Ts)> term_ok = {polynomial_term<Ts, K, U>::ok...};
    static constexpr std::size_t n = pairs::count;
    using rests = typename pairs::rests;
    // pair p: its term, whether that is a polynomial, its polynomial
    static constexpr std::array<std::size_t, n> origin = [] {
        std::array<std::size_t, n> o{};
        std::size_t p = 0;
        for (std::size_t k = 0; k < n_terms; ++k)
            for (std::size_t j = 0; j < counts[k]; ++j) o[p++] = k;
        return o;
    }();
    static constexpr std::array<bool, n> pair_ok = [] {
        std::array<bool, n> r{};
        for (std::size_t p = 0; p < n; ++p) r[p] = term_ok[origin[p]];
        return r;
    }();
    static constexpr const auto& values = pairs::values;

    // leader[p]: the first polynomial pair with pair p's coefficient
    template <std::size_t... I>
    static constexpr std::array<std::size_t, n> leaders(std::index_sequence<I...>) {
        return {(pair_ok[I] ? first_same<at_t<I, rests>, rests>::in(pair_ok.data()) : n)...};
    }
    static constexpr std::array<std::size_t, n> leader = leaders(std::make_index_sequence<n>{});

    static constexpr std::array<exact_polynomial, n> group = [] {
        std::array<exact_polynomial, n> g{};
        for (std::size_t p = 0; p < n; ++p)
            if (leader[p] != n) g[leader[p]] = g[leader[p]] + values[p];
        return g;
    }();
    // the polynomial of the group led by pair P, as polynomial_node takes it
    template <std::size_t P>
    struct group_source {
        static constexpr const exact_polynomial& value = group[P];
    };
    static constexpr std::array<std::size_t, n> members = [] {
        std::array<std::size_t, n> m{};
        for (std::size_t p = 0; p < n; ++p)
            if (leader[p] != n) ++m[leader[p]];
        return m;
    }();

    // Rewritten where every group can be a node (or is the sum's constant
    // term, alone) and one of them has two terms or more (a lone a^k gains
    // nothing).
    static constexpr bool applies = [] {
        if (n > polynomial_terms_limit) return false;
        bool worth = false;
        for (std::size_t p = 0; p < n; ++p) {
            if (leader[p] != p) continue;
            if (group[p].degree == 0) {
                if (members[p] != 1 || counts[origin[p]] != 1) return false;
                continue;  // a constant stays as it is
            }
            if (!usable(K == atom_kind::tanh ? tanh_to_sigmoid(group[p]) : group[p])) return false;
            if (nonzero_terms(group[p]) >= 2) worth = true;
        }
        return worth;
    }();

    template <std::size_t P, int Role = (!pair_ok[P] || group[leader[P]].degree == 0 ? 0
                                         : leader[P] == P                            ? 1
                                                                                     : 2)>
    struct output {  // a term that is not a polynomial (its one pair), or the constant
        using type = type_list<stable_t<at_t<origin[P], terms>>>;
    };
    template <std::size_t P>
    struct output<P, 1> {  // a group's leader
        using type = type_list<typename multiply_many<stable_t<at_t<P, rests>>,
                                                      typename polynomial_node<K, U, group_source<P>>::type>::type>;
    };
    template <std::size_t P>
    struct output<P, 2> {  // in a group led by an earlier pair
        using type = type_list<>;
    };
    template <std::size_t... P>
    static auto outputs(std::index_sequence<P...>) -> typename concat_all<typename output<P>::type...>::type;
};
// (Apart from the class, so that asking whether it applies does not form it.)
template <class Rewrite>
struct rewritten : sum_of_list<decltype(Rewrite::outputs(std::make_index_sequence<Rewrite::n>{}))> {};

// A sum or product rewritten, where that applies, else rebuilt from its
// stabilised operands (or left as it is, where none changed).
template <template <class...> class Rebuild, class Node, class... Ts>
struct rebuilt {
    using type = if_t<all_of({std::is_same<stable_t<Ts>, Ts>::value...}), std::type_identity<Node>, Rebuild<Ts...>>;
};
template <class... Ts>
struct rebuild_sum : sum_of_list<type_list<stable_t<Ts>...>> {};
template <class... Fs>
struct rebuild_product : product_of_list<type_list<stable_t<Fs>...>> {};

// Otherwise's result (rebuilt: type::type). It is formed only where the
// rewrite does not apply: forming it stabilises every operand, work thrown
// away where the whole sum becomes nodes.
template <class Otherwise>
struct otherwise_type {
    using type = typename Otherwise::type::type;
};
// Rewrite's result (rewritten<Rewrite>) where Try and Rewrite::applies, else
// Otherwise's; Rewrite is not formed where Try is false.
template <class Rewrite, class Otherwise, bool Try>
struct rewrite_or : otherwise_type<Otherwise> {};
template <class Rewrite, class Otherwise>
struct rewrite_or<Rewrite, Otherwise, true> {
    using type = typename if_t<Rewrite::applies, rewritten<Rewrite>, otherwise_type<Otherwise>>::type;
};

// ------------------------------------------------------- rational sums

// The derivatives of atan, asinh, acosh, sqrt(x^2 + 5) and ln(x^2 + 5) are
// sums of terms c u^j q(u)^e, q a polynomial in u and the exponents e
// integers or halves that differ by integers: atan's fourth derivative is
// -2 (24 x^3 (x^2 + 1)^-4 - 12 x (x^2 + 1)^-3). Evaluated as written, the
// terms cancel where |x| is 1 to 6; at x = -5 the terms of atan's 16th
// derivative are 4.5e6 times their sum. Over a common denominator,
// q^(e_min) P(u) with P = sum c u^j q^(e - e_min) multiplied out exactly at
// compile time, the terms of P are about 400 times its value there
// (scripts/gap_conditioning.py, docs/accuracy.md), and Horner's rule in a
// wider type loses nothing a double can see. So a sum whose every term is
// c u^j q^e -- one q, a sum or product that is a polynomial in u, two terms
// or more, e_min negative or a half -- is evaluated through one node,
// rational_polynomial_fn<Data>(u): q from its factors as the expression
// writes them ((u - 1)(u + 1) for acosh, not u^2 - 1, which cancels near 1),
// q^(e_min) and P(u), all in the wider type. Where |u| is so large that
// those powers would leave the wider type's range, it computes the same in
// v = 1/u: P(u) = u^(deg P) Pr(v) and q(u) = u^(deg q) qr(v), Pr and qr the
// reversed polynomials, so that the values at +-inf are the limits (0, not
// 0 * inf = NaN).

// Factors of q as a node keeps them: at most this many, each of at most this
// degree, with integer coefficients.
inline constexpr std::size_t rational_factors_max = 3;
inline constexpr std::size_t rational_factor_degree_max = 4;

/// What a rational_polynomial_fn carries: its value at u is
/// q(u)^(halves / 2) (sum_k num[k] u^k) / den, where q is the product of
/// (sum_k factor[i][k] u^k)^power[i] over i < factors, of degree q_degree.
template <std::size_t M>
struct rational_data {
    std::array<wide, M + 1> num{};
    wide den{};
    std::array<std::array<wide, rational_factor_degree_max + 1>, rational_factors_max> factor{};
    std::array<std::size_t, rational_factors_max> factor_degree{};
    std::array<long long, rational_factors_max> power{};
    std::size_t factors = 0;
    std::size_t q_degree = 0;
    long long halves = 0;
    bool ok = true;
};

// q's factors as exact polynomials (den 1), with their powers.
struct rational_factors {
    std::array<exact_polynomial, rational_factors_max> poly{};
    std::array<long long, rational_factors_max> power{};
    std::size_t count = 0;
    bool ok = true;
};
constexpr exact_polynomial expanded(const rational_factors& f) {
    exact_polynomial q = polynomial_constant(1, 1);
    for (std::size_t i = 0; i < f.count && q.ok; ++i) q = q * polynomial_power(f.poly[i], f.power[i]);
    return q;
}

// As a node's data, every element written (see written_out: g++ 12 and
// template arguments of class type).
template <std::size_t M>
constexpr rational_data<M> rational_data_of(const exact_polynomial& p, const rational_factors& f,
                                            const exact_polynomial& q, long long halves) {
    rational_data<M> d{};
    auto copy = [](wide& to, const wide& from) {
        for (std::size_t l = 0; l < wide_limbs; ++l) to.limb[l] = from.limb[l];
        to.negative = from.negative;
    };
    d.ok = p.ok && f.ok && q.ok && q.degree > 0 && p.degree == M && fits_in_sign_bit(p.den) &&
           (halves % 2 == 0 || q.degree % 2 == 0);
    for (std::size_t k = 0; k <= M; ++k) {
        copy(d.num[k], k <= p.degree ? p.num[k] : wide{});
        d.ok = d.ok && fits_in_sign_bit(d.num[k]);
    }
    copy(d.den, p.den);
    for (std::size_t i = 0; i < rational_factors_max; ++i) {
        const bool used = i < f.count;
        const std::size_t degree = used ? f.poly[i].degree : 0;
        d.ok = d.ok && degree <= rational_factor_degree_max;
        if (used) d.ok = d.ok && !f.poly[i].den.negative && compare_magnitude(f.poly[i].den, wide_of(1)) == 0;
        for (std::size_t k = 0; k <= rational_factor_degree_max; ++k) {
            copy(d.factor[i][k], used && k <= degree ? f.poly[i].num[k] : wide{});
            d.ok = d.ok && fits_in_sign_bit(d.factor[i][k]);
        }
        d.factor_degree[i] = degree;
        d.power[i] = used ? f.power[i] : 0;
    }
    d.factors = f.count;
    d.q_degree = q.degree;
    d.halves = halves;
    return d;
}

template <std::size_t M>
constexpr rational_factors factors_of(const rational_data<M>& d) {
    rational_factors f{};
    f.count = d.factors;
    for (std::size_t i = 0; i < d.factors; ++i) {
        f.poly[i].degree = d.factor_degree[i];
        for (std::size_t k = 0; k <= d.factor_degree[i]; ++k) f.poly[i].num[k] = d.factor[i][k];
        f.power[i] = d.power[i];
    }
    return f;
}

// The order key of a node: its data spelled out, each number in hexadecimal
// without leading zeros (the factors only as far as they go).
template <std::size_t M>
inline constexpr std::size_t rational_sum_key_size = (M + 2 + rational_factors_max * (rational_factor_degree_max + 1)) *
                                                         (8 * wide_limbs + 2) +
                                                     (rational_factors_max + 2) * 18 + 1;
template <std::size_t M>
constexpr std::array<char, rational_sum_key_size<M>> rational_sum_key(const rational_data<M>& d) {
    std::array<char, rational_sum_key_size<M>> key{};
    std::size_t n = 0;
    auto digits = [&](const std::uint32_t* limb, std::size_t limbs, bool negative) {
        key[n++] = negative ? '-' : '+';
        bool leading = true;
        for (std::size_t l = limbs; l-- > 0;)
            for (int nibble = 7; nibble >= 0; --nibble) {
                const unsigned digit = (limb[l] >> (4 * nibble)) & 0xfU;
                if (leading && digit == 0 && !(l == 0 && nibble == 0)) continue;
                leading = false;
                key[n++] = "0123456789abcdef"[digit];
            }
        key[n++] = ',';
    };
    auto put = [&](const wide& w) { digits(w.limb.data(), wide_limbs, w.negative); };
    auto put_integer = [&](long long v) {
        const unsigned long long m =
            v < 0 ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
        const std::uint32_t limb[2] = {static_cast<std::uint32_t>(m & 0xffffffffULL),
                                       static_cast<std::uint32_t>(m >> 32)};
        digits(limb, 2, v < 0);
    };
    for (std::size_t k = 0; k <= M; ++k) put(d.num[k]);
    put(d.den);
    put_integer(d.halves);
    put_integer(static_cast<long long>(d.factors));
    for (std::size_t i = 0; i < d.factors; ++i) {
        put_integer(d.power[i]);
        put_integer(static_cast<long long>(d.factor_degree[i]));
        for (std::size_t k = 0; k <= d.factor_degree[i]; ++k) put(d.factor[i][k]);
    }
    key[n] = '\0';
    return key;
}

constexpr exact_polynomial polynomial_derivative(const exact_polynomial& p) {
    exact_polynomial r{};
    r.ok = p.ok;
    r.den = p.den;
    for (std::size_t k = 1; k <= p.degree; ++k)
        r.num[k - 1] = wide_multiply(p.num[k], wide_of(static_cast<long long>(k)), r.ok);
    r.degree = p.degree > 0 ? p.degree - 1 : 0;
    trim(r);
    return r;
}

// d/du q^(h/2) P / den = q^((h - 2)/2) (2 q P' + h q' P) / (2 den).
template <auto Data>
struct rational_derivative {
    static constexpr rational_factors factors = factors_of(Data);
    static constexpr exact_polynomial q = expanded(factors);
    static constexpr exact_polynomial numerator = [] {
        exact_polynomial p{};
        p.degree = Data.num.size() - 1;
        for (std::size_t k = 0; k <= p.degree; ++k) p.num[k] = Data.num[k];
        p.den = Data.den;
        exact_polynomial r = polynomial_constant(2, 1) * q * polynomial_derivative(p) +
                             polynomial_constant(Data.halves, 1) * polynomial_derivative(q) * p;
        r.den = wide_multiply(r.den, wide_of(2), r.ok);
        return r;
    }();
    static constexpr auto data = rational_data_of<numerator.degree>(numerator, factors, q, Data.halves - 2);
};

/// The numbers of a rational_polynomial_fn in the working type W.
template <class W>
struct rational_numbers {
    std::array<W, polynomial_capacity + 1> num{};
    W den{};
    std::array<std::array<W, rational_factor_degree_max + 1>, rational_factors_max> factor{};
    std::array<std::size_t, rational_factors_max> factor_degree{};
    std::array<long long, rational_factors_max> power{};
    std::size_t degree = 0, factors = 0, q_degree = 0;
    long long halves = 0;
    W threshold{};  // computed as written for |u| <= threshold, in 1/u beyond
};

// x^n, n >= 0, by squaring (with IEEE results in constant evaluation too).
template <class W>
constexpr W power_of(W x, long long n) {
    W r = W(1);
    while (n > 0) {
        if (n % 2 != 0) r = math::detail::ieee_mul(r, x);
        n /= 2;
        if (n > 0) x = math::detail::ieee_mul(x, x);
    }
    return r;
}
// q^(halves / 2)
template <class W>
constexpr W half_power(W q, long long halves) {
    const long long n = halves < 0 ? -halves : halves;
    const W r = n % 2 != 0 ? power_of(math::sqrt(q), n) : power_of(q, n / 2);
    return halves < 0 ? math::detail::ieee_div(W(1), r) : r;
}
// sum_k c[k] x^k (Reversed: sum_k c[k] x^(degree - k)); where cancels is not
// null, it is set if the terms cancel (terms_cancel).
template <bool Reversed = false, class W>
constexpr W horner(const W* c, std::size_t degree, W x, bool* cancels = nullptr) {
    auto at = [&](std::size_t k) { return c[Reversed ? degree - k : k]; };
    W acc = at(degree);
    W magnitudes = math::abs(acc);
    for (std::size_t k = degree; k-- > 0;) {
        acc = acc * x + at(k);
        if (cancels != nullptr) magnitudes = magnitudes * math::abs(x) + math::abs(at(k));
    }
    if (cancels != nullptr && terms_cancel(acc, magnitudes)) *cancels = true;
    return acc;
}

// The value of a rational_polynomial_fn (one function per T, not per node).
// cancels: where not null, set where a Horner sum's terms cancel.
template <class T, class W>
constexpr T rational_value(T u, const rational_numbers<W>& c, bool* cancels = nullptr) {
    if (u != u) return u;  // NaN in, NaN out (and no NaN arithmetic, which Clang refuses in constant evaluation)
    const W w = W(u);
    const W magnitude = w < 0 ? -w : w;
    W q = W(1), p{};
    W scale = W(1);
    if (magnitude <= c.threshold) {
        for (std::size_t i = 0; i < c.factors; ++i)
            q *= power_of(horner(c.factor[i].data(), c.factor_degree[i], w, cancels), c.power[i]);
        p = horner(c.num.data(), c.degree, w, cancels);
    } else {  // in v = 1/u, the powers of |u| apart
        const W v = math::detail::ieee_div(W(1), w);
        for (std::size_t i = 0; i < c.factors; ++i)
            q *= power_of(horner<true>(c.factor[i].data(), c.factor_degree[i], v, cancels), c.power[i]);
        p = horner<true>(c.num.data(), c.degree, v, cancels);
        // q^(h/2) = |u|^(deg q h / 2) qr^(h/2), times u^(deg q h / 2) / |u|^... for whole powers
        const long long q_part = static_cast<long long>(c.q_degree) * c.halves / 2;
        const long long s = static_cast<long long>(c.degree) + q_part;
        const W size = s < 0 ? math::detail::ieee_div(W(1), power_of(magnitude, -s)) : power_of(magnitude, s);
        const long long sign_power = static_cast<long long>(c.degree) + (c.halves % 2 == 0 ? q_part : 0);
        scale = w < 0 && sign_power % 2 != 0 ? -size : size;
    }
    const W value = math::detail::ieee_mul(
        math::detail::ieee_div(math::detail::ieee_mul(p, half_power(q, c.halves)), c.den), scale);
    return math::detail::narrow<T>(static_cast<long double>(value));
}

/// q(u)^(halves / 2) P(u) / den for the data Data (see "rational sums"
/// above). An internal function: eval, Jacobian and Hessian entries use it;
/// it has a derivative rule, as every function does.
template <auto Data>
struct rational_polynomial_fn {
    static_assert(Data.ok, "chainrule::detail::rational_polynomial_fn: not a rational sum the node can carry");
    static constexpr std::size_t degree = Data.num.size() - 1;
    static constexpr const char* name = "rational_polynomial";
    static constexpr auto key_text = rational_sum_key(Data);
    static constexpr const char* key = key_text.data();

    template <class U>
    using derivative = apply_t<rational_polynomial_fn<rational_derivative<Data>::data>, U>;

    template <class W>
    static constexpr rational_numbers<W> numbers = [] {
        rational_numbers<W> c{};
        for (std::size_t k = 0; k <= degree; ++k) c.num[k] = wide_value<W>(Data.num[k]);
        c.den = wide_value<W>(Data.den);
        for (std::size_t i = 0; i < Data.factors; ++i) {
            for (std::size_t k = 0; k <= Data.factor_degree[i]; ++k) c.factor[i][k] = wide_value<W>(Data.factor[i][k]);
            c.factor_degree[i] = Data.factor_degree[i];
            c.power[i] = Data.power[i];
        }
        c.degree = degree;
        c.factors = Data.factors;
        c.q_degree = Data.q_degree;
        c.halves = Data.halves;
        // |u|^(deg P + deg q |e| + 1), times coefficients below 2^128, within W's range
        const long long e = (Data.halves < 0 ? -Data.halves : Data.halves) / 2 + 1;
        const long long powers = static_cast<long long>(degree + Data.q_degree * static_cast<std::size_t>(e)) + 1;
        const long long t = (std::numeric_limits<W>::max_exponent - 160) / powers;
        c.threshold = power_of(W(2), t > 0 ? t : 0);
        return c;
    }();

    // (The working type: double_when_no_cancellation, above; the third
    // derivative of atan took 32 ns in long double, 13 ns so.)
    template <std::floating_point T>
    static constexpr T eval(T u) {
        if constexpr (double_when_no_cancellation<T>(degree)) {
            bool cancels = false;
            const T value = rational_value<T>(u, numbers<T>, &cancels);
            if (!cancels) return value;
        }
        return rational_value<T>(u, numbers<typename wider_scalar<T>::type>);
    }
};

// The variable of q: its first operand that is not a constant, a sum, a
// product or a positive integer power (void where there is none, and where
// that operand is another power of integer exponent).
template <class E>
struct leaf_of {
    using type = E;
};
template <long long N>
struct leaf_of<Int<N>> {
    using type = void;
};
template <long long P, long long Q>
struct leaf_of<Ratio<P, Q>> {
    using type = void;
};
template <class B, long long K>
struct leaf_of<Power<B, Int<K>>> : if_t<(K > 0), leaf_of<B>, std::type_identity<void>> {};
// Get<T>::type for the first T of Ts with Has<T>::value (void where none has).
template <template <class> class Has, template <class> class Get, class... Ts>
struct first_with {
    static constexpr std::size_t index = first_true({Has<Ts>::value...});
    using type = if_t<(index < sizeof...(Ts)), typename Get<at_t<index % sizeof...(Ts), type_list<Ts...>>>::type, void>;
};
template <class T>
struct has_leaf : std::bool_constant<!std::is_void<typename leaf_of<T>::type>::value> {};
template <class... Ts>
struct leaf_of<Sum<Ts...>> : first_with<has_leaf, leaf_of, Ts...> {};
template <class... Fs>
struct leaf_of<Product<Fs...>> : first_with<has_leaf, leaf_of, Fs...> {};

// The q of a term's first factor q^e, and of a sum's first term with one.
template <class F>
struct base_of {
    using type = typename base_factor<F>::base;
};
template <class T>
struct term_base : first_with<base_factor, base_of, T> {};
template <class... Fs>
struct term_base<Product<Fs...>> : first_with<base_factor, base_of, Fs...> {};
// A constant times a sum, c (t1 + t2 + ...): where a coefficient of the
// distributed form would not fit, the canonical form keeps it so (atan's
// derivatives from order 17: 439378587648000 (3x^2/(x^2 + 1)^10 - 20x^4/(x^2 +
// 1)^11) + ...). Its terms are terms of the rational sum too.
template <class C, class... Us>
requires is_constant<C>::value struct term_has_base<Product<C, Sum<Us...>>>
    : std::bool_constant<any_of({term_has_base<Us>::value...})> {
};
template <class C, class... Us>
requires is_constant<C>::value struct term_base<Product<C, Sum<Us...>>> : first_with<term_has_base, term_base, Us...> {
};

// One factor of q: a polynomial in U, to a positive integer power.
template <class G, class U>
struct q_factor {
    using info = polynomial_info<G, atom_kind::variable, U>;
    static constexpr bool ok = info::ok;
    static constexpr long long power = 1;
};
template <class S, long long M, class U>
struct q_factor<Power<S, Int<M>>, U> {
    using info = polynomial_info<S, atom_kind::variable, U>;
    static constexpr bool ok = M > 0 && info::ok;
    static constexpr long long power = M;
};
template <class... Factors>
constexpr rational_factors collect_factors() {
    rational_factors f{};
    if constexpr (sizeof...(Factors) > rational_factors_max) {
        f.ok = false;
    } else {
        for (bool ok : {Factors::ok...}) f.ok = f.ok && ok;
        if (f.ok) {
            std::size_t i = 0;
            for (const exact_polynomial* p : {&Factors::info::value...}) f.poly[i++] = *p;
            i = 0;
            for (long long m : {Factors::power...}) f.power[i++] = m;
            f.count = sizeof...(Factors);
        }
    }
    return f;
}
template <class Q, class U>
struct q_factors {
    static constexpr rational_factors value = collect_factors<q_factor<Q, U>>();
};
template <class... Gs, class U>
struct q_factors<Product<Gs...>, U> {
    static constexpr rational_factors value = collect_factors<q_factor<Gs, U>...>();
};

// A term c u^j q^e (or a factor of one) as P and 2e.
struct rational_part {
    exact_polynomial poly{};
    long long halves = 0;
    bool ok = false;
};
template <class F, class Q, class U>
struct rational_factor_part {
    static constexpr rational_part value = [] {
        if constexpr (base_factor<F>::value) {
            if constexpr (std::is_same<typename base_factor<F>::base, Q>::value) {
                return rational_part{polynomial_constant(1, 1), base_factor<F>::halves, true};
            } else {
                return rational_part{};  // a power of another sum
            }
        } else {
            using info = polynomial_info<F, atom_kind::variable, U>;
            return rational_part{info::value, 0, info::ok};
        }
    }();
};
template <class T, class Q, class U>
struct rational_term : rational_factor_part<T, Q, U> {};
template <class... Fs, class Q, class U>
struct rational_term<Product<Fs...>, Q, U> {
    static constexpr rational_part value = [] {
        rational_part r{polynomial_constant(1, 1), 0, true};
        for (const rational_part* f : {&rational_factor_part<Fs, Q, U>::value...}) {
            if (!f->ok) return rational_part{};
            r.poly = r.poly * f->poly;
            r.halves += f->halves;
        }
        r.ok = r.poly.ok;
        return r;
    }();
};

// Terms over their common denominator q^(e_min): P = sum_k A_k q^k, A_k the
// sum of the polynomials of the terms whose e is e_min + k (Horner's rule in
// q), and 2 e_min; not ok where two terms are q^(1/2) apart.
constexpr rational_part over_common_denominator(const rational_part* const* parts, std::size_t n,
                                                const exact_polynomial& q) {
    rational_part r{};
    long long low = 0;
    for (std::size_t k = 0; k < n; ++k) {
        if (!parts[k]->ok) return r;
        if (k == 0 || parts[k]->halves < low) low = parts[k]->halves;
    }
    std::size_t top = 0;
    for (std::size_t k = 0; k < n; ++k) {
        if ((parts[k]->halves - low) % 2 != 0) return r;  // q^(1/2) apart: not one P
        const auto j = static_cast<std::size_t>((parts[k]->halves - low) / 2);
        if (j > polynomial_capacity) return r;
        if (j > top) top = j;
    }
    exact_polynomial p = polynomial_constant(0, 1);
    for (std::size_t j = top + 1; j-- > 0 && p.ok;) {
        if (j < top) p = p * q;
        for (std::size_t k = 0; k < n; ++k)
            if (static_cast<std::size_t>((parts[k]->halves - low) / 2) == j) p = p + parts[k]->poly;
    }
    if (!p.ok) return r;
    r.poly = p;
    r.halves = low;
    r.ok = true;
    return r;
}

// q multiplied out, once per q and u (rational_sum and the terms below).
template <class Q, class U>
struct q_polynomial {
    static constexpr rational_factors factors = q_factors<Q, U>::value;
    static constexpr exact_polynomial value = expanded(factors);
    static constexpr bool ok = factors.ok && value.ok && value.degree > 0;
};

// c (t1 + t2 + ...), c a constant (see term_base): c times its terms over
// their common denominator.
template <class C, class... Us, class Q, class U>
requires is_constant<C>::value struct rational_term<Product<C, Sum<Us...>>, Q, U> {
    static constexpr rational_part value = [] {
        if (!q_polynomial<Q, U>::ok) return rational_part{};
        const rational_part* parts[] = {&rational_term<Us, Q, U>::value...};
        rational_part r = over_common_denominator(parts, sizeof...(Us), q_polynomial<Q, U>::value);
        if (!r.ok) return r;
        r.poly = polynomial_constant(C::numerator, C::denominator) * r.poly;
        r.ok = r.poly.ok;
        return r;
    }();
};

// The sum of the terms Ts over the common denominator: P and 2 e_min.
struct rational_analysis {
    exact_polynomial p{};
    long long halves = 0;
    bool ok = false;
};
template <class U, class Q, class... Ts>
struct rational_sum {
    static constexpr rational_factors factors = q_polynomial<Q, U>::factors;
    static constexpr exact_polynomial q = q_polynomial<Q, U>::value;
    static constexpr rational_analysis analysis = [] {
        rational_analysis a{};
        if (!q_polynomial<Q, U>::ok) return a;
        const rational_part* parts[] = {&rational_term<Ts, Q, U>::value...};
        const rational_part all = over_common_denominator(parts, sizeof...(Ts), q);
        if (!all.ok || (all.halves >= 0 && all.halves % 2 == 0)) return a;  // a polynomial: as written
        a.p = all.poly;
        a.halves = all.halves;
        a.ok = true;
        return a;
    }();
    static constexpr auto data = rational_data_of<analysis.p.degree>(analysis.p, factors, q, analysis.halves);
    static constexpr bool applies = analysis.ok && data.ok;
};
// The node, as rewrite_or takes a rewrite's result.
template <class U, class Q, class... Ts>
struct rewritten<rational_sum<U, Q, Ts...>> {
    using type = apply_t<rational_polynomial_fn<rational_sum<U, Q, Ts...>::data>, stable_t<U>>;
};

// ------------------------------------------- Gaussian polynomial sums

// The derivatives of erf, erfc and gelu from the second on are sums of terms
// c u^j e R, e = exp(c' u^(2k)) one Gaussian factor and R the same constant
// factors in every term (1/sqrt(pi), 1/sqrt(2)): erf's fourth derivative is
// -4 (4 x^3 e / sqrt(pi) - 6 x e / sqrt(pi)), a Hermite polynomial times e.
// Evaluated as written, the terms cancel near the polynomial's zeros (x = -3
// for the 14th derivative of erf: 5.7 times Boost's error). So such a sum,
// two terms or more and one of them of degree 1 or more, is evaluated as R
// P(u) e, P(u) e through one node, gaussian_polynomial_fn(u, e): P by
// Horner's rule in the wider type, times e, rounded once; where e is below
// the normal range or P(u) overflows, in log space as gaussian_tail_fn does.

// A term's Gaussian factor: the term itself or its first factor exp(c
// u^(2k)) (void where it has none).
template <class T>
struct gaussian_of_term {
    using type = if_t<gaussian_factor<T>::value, T, void>;
};
template <class... Fs>
struct gaussian_of_term<Product<Fs...>> : first_with<gaussian_factor, std::type_identity, Fs...> {};
template <class T>
struct has_gaussian : std::bool_constant<!std::is_void<typename gaussian_of_term<T>::type>::value> {};

// A closed constant: numbers, pi, and their powers, sums and products (no
// variable, so R P(u) e is the terms' value; only where R is negative and
// the value underflows may the sign of its zero differ from the terms as
// written, which the derivatives of erf, erfc and gelu never meet: their R
// is 1/sqrt(pi) or 1/sqrt(2 pi)).
template <class F>
struct closed : std::false_type {};
template <long long N>
struct closed<Int<N>> : std::true_type {};
template <long long P, long long Q>
struct closed<Ratio<P, Q>> : std::true_type {};
template <class Fn>
struct closed<Call<Fn>> : std::true_type {};
template <class Fn, class... As>
    requires(sizeof...(As) > 0)
struct closed<Call<Fn, As...>> : std::bool_constant<all_of({closed<As>::value...})> {};
template <class B, class E>
struct closed<Power<B, E>> : std::bool_constant<closed<B>::value && closed<E>::value> {};
template <class... Fs>
struct closed<Product<Fs...>> : std::bool_constant<all_of({closed<Fs>::value...})> {};
template <class... Ts>
struct closed<Sum<Ts...>> : std::bool_constant<all_of({closed<Ts>::value...})> {};
template <class... Fs>
struct closed<type_list<Fs...>> : std::bool_constant<all_of({closed<Fs>::value...})> {};

// A term c u^j G R as its parts: the coefficient p / q, j, and R (the
// factors that are neither the number, nor u^j, nor G).
struct gaussian_term_parts {
    long long p = 1, q = 1, j = 0;
    bool ok = false;
};
template <class F, class G, class U>
using gaussian_rest_of =
    if_t<is_constant<F>::value || std::is_same<F, G>::value || (monomial_degree<F, U> > 0), type_list<>, type_list<F>>;
template <class T, class G, class U>
struct gaussian_term {
    static constexpr gaussian_term_parts value{1, 1, 0, std::is_same<T, G>::value};
    using rest = type_list<>;
};
template <class F>
constexpr long long number_part(bool numerator) {
    if constexpr (is_constant<F>::value) {
        return numerator ? F::numerator : F::denominator;
    } else {
        return 1;
    }
}
template <class... Fs, class G, class U>
struct gaussian_term<Product<Fs...>, G, U> {
    static constexpr gaussian_term_parts value = [] {
        gaussian_term_parts t{};
        constexpr std::size_t numbers = add_up<std::size_t>({std::size_t{is_constant<Fs>::value}...});
        constexpr std::size_t gaussians = add_up<std::size_t>({std::size_t{std::is_same<Fs, G>::value}...});
        constexpr std::size_t monomials = add_up<std::size_t>({std::size_t{(monomial_degree < Fs, U >> 0)}...});
        if (numbers > 1 || gaussians != 1 || monomials > 1 || !all_of({closed<gaussian_rest_of<Fs, G, U>>::value...}))
            return t;
        const long long ps[] = {number_part<Fs>(true)...}, qs[] = {number_part<Fs>(false)...};
        const long long js[] = {monomial_degree<Fs, U>...};
        for (std::size_t i = 0; i < sizeof...(Fs); ++i) {
            t.p *= ps[i];  // one number at most: no product of two
            t.q *= qs[i];
            t.j += js[i];
        }
        t.ok = true;
        return t;
    }();
    using rest = typename concat_all<gaussian_rest_of<Fs, G, U>...>::type;
};

// P(u) (Derivative = false) or P'(u) as an expression, P = sum_j (Cs[2 j] /
// Cs[2 j + 1]) u^j: the node's partial derivatives.
template <class U, bool Derivative, long long... Cs>
struct gaussian_polynomial_expression {
    static constexpr std::array<long long, sizeof...(Cs)> c = {Cs...};
    static constexpr long long first = Derivative ? 1 : 0;
    template <std::size_t J>
    using term = Mul<Rational<(Derivative ? static_cast<long long>(J) : 1) * c[2 * J], c[2 * J + 1]>,
                     Pow<U, Int<static_cast<long long>(J) - first>>>;
    template <std::size_t... J>
    static auto sum(std::index_sequence<J...>) -> Add<term<J + first>...>;
    using type = decltype(sum(std::make_index_sequence<sizeof...(Cs) / 2 - first>{}));
};

// The value of a gaussian_polynomial_fn (one function per T and W, not per
// node): c[0..degree] P's coefficients in W, e = exp(c_num / c_den u^(2k)).
template <class T, class W>
constexpr T gaussian_polynomial_value(T u, T e, const W* c, std::size_t degree, long long c_num, long long c_den,
                                      long long k) {
    using math::detail::ieee_add;
    using math::detail::ieee_mul;
    if (u != u) return u;  // NaN in, NaN out (and no NaN arithmetic: Clang refuses it in constant evaluation)
    const W w = W(u);
    const W p = math::isinf(u) ? W(0) : horner(c, degree, w);
    if (!(e < std::numeric_limits<T>::min()) && !math::isinf(p)) return math::detail::narrow<T>(ieee_mul(p, W(e)));
    // The rare path: e below T's normal range, u infinite or P(u) beyond W's
    // range. exp(ln|P(u)| + c u^(2k)) in W, with P(u)'s sign; where that
    // rounds to 0 in T, the zero the terms as written sum to: -0 where every
    // term is -0, else +0 (the second derivative of gelu is +0 at +-40).
    W r = W(0);
    if (!math::isinf(u) && !math::isinf(p) && p != W(0)) {
        r = math::exp(ieee_add(math::log(math::abs(p)), gaussian_exponent_value(w, c_num, c_den, k)));
        if (p < W(0)) r = -r;
    }
    const T t = math::detail::narrow<T>(r);
    if (t != T(0)) return t;
    bool all_negative = true;
    for (std::size_t j = 0; j <= degree; ++j)
        if (c[j] != W(0)) all_negative = all_negative && ((c[j] < W(0)) != (u < T(0) && j % 2 == 1));
    return all_negative ? T(-0.0) : T(0.0);
}

/// P(u) e, where e is exp(CNum / CDen u^(2K)) and P = sum_j (Cs[2 j] /
/// Cs[2 j + 1]) u^j: an internal function of two arguments (see "Gaussian
/// polynomial sums" above), which eval, Jacobian and Hessian entries use; it
/// has its partial derivatives, as every function does.
template <long long CNum, long long CDen, long long K, long long... Cs>
struct gaussian_polynomial_fn {
    static_assert(CNum < 0 && CDen > 0 && K > 0 && sizeof...(Cs) >= 4 && sizeof...(Cs) % 2 == 0,
                  "chainrule::detail::gaussian_polynomial_fn: not a Gaussian polynomial");
    static constexpr std::size_t degree = sizeof...(Cs) / 2 - 1;
    static constexpr const char* name = "gaussian_polynomial";
    static constexpr auto key_text = integers_key<CNum, CDen, K, Cs...>();
    static constexpr const char* key = key_text.data();

    template <class U, class E>
    using derivative = Partials<Mul<typename gaussian_polynomial_expression<U, true, Cs...>::type, E>,
                                typename gaussian_polynomial_expression<U, false, Cs...>::type>;

    template <class W>
    static constexpr std::array<W, degree + 1> coefficients = [] {
        constexpr std::array<long long, sizeof...(Cs)> c = {Cs...};
        std::array<W, degree + 1> r{};
        for (std::size_t j = 0; j <= degree; ++j) r[j] = math::detail::ieee_div(W(c[2 * j]), W(c[2 * j + 1]));
        return r;
    }();

    // (The working type: double_when_no_cancellation, above, where the
    // common path applies: u finite, e normal, P(u) finite.)
    template <std::floating_point T>
    static constexpr T eval(T u, T e) {
        using W = typename wider_scalar<T>::type;
        if constexpr (double_when_no_cancellation<T>(degree)) {
            if (math::isfinite(u) && !(e < std::numeric_limits<T>::min())) {
                bool cancels = false;
                const T p = horner(coefficients<T>.data(), degree, u, &cancels);
                if (!cancels && !math::isinf(p)) return math::detail::ieee_mul(p, e);
            }
        }
        return gaussian_polynomial_value<T, W>(u, e, coefficients<W>.data(), degree, CNum, CDen, K);
    }
};

// A sum of terms c u^j G R, G = exp(c' u^(2k)) and R the same closed
// constants in every term: applies where there are two terms or more, one
// of degree 1 or more, the degree within polynomial_capacity and the
// coefficients of P and of its first two derivatives within long long.
template <class G, class... Ts>
struct gaussian_sum {
    using info = gaussian_factor<G>;
    using U = typename info::base;
    using rest = typename gaussian_term<at_t<0, type_list<Ts...>>, G, U>::rest;
    static constexpr std::array<gaussian_term_parts, sizeof...(Ts)> terms = {gaussian_term<Ts, G, U>::value...};
    static constexpr long long degree = [] {
        long long d = -1;
        for (const gaussian_term_parts& t : terms) {
            if (!t.ok || t.j > static_cast<long long>(polynomial_capacity)) return -1LL;
            if (t.j > d) d = t.j;
        }
        return d;
    }();
    static constexpr bool applies = [] {
        if (degree < 1 || !all_of({std::is_same<typename gaussian_term<Ts, G, U>::rest, rest>::value...})) return false;
        bool seen[polynomial_capacity + 1] = {};
        const long long limit = (static_cast<long long>(1) << 62) / (degree * degree + 1);
        for (const gaussian_term_parts& t : terms) {
            if (seen[t.j] || t.p > limit || t.p < -limit) return false;  // (a canonical sum has each j once)
            seen[t.j] = true;
        }
        return true;
    }();
};
// P's coefficients: numerator (I even) and denominator of degree I / 2.
template <std::size_t N>
constexpr long long gaussian_coefficient(const std::array<gaussian_term_parts, N>& terms, std::size_t i) {
    for (const gaussian_term_parts& t : terms)
        if (t.j == static_cast<long long>(i / 2)) return i % 2 == 0 ? t.p : t.q;
    return i % 2 == 0 ? 0 : 1;
}
template <class Sum, std::size_t... I>
auto gaussian_node_of(std::index_sequence<I...>)
    -> gaussian_polynomial_fn<Sum::info::c_num, Sum::info::c_den, Sum::info::k, gaussian_coefficient(Sum::terms, I)...>;
template <class G, class... Ts>
struct rewritten<gaussian_sum<G, Ts...>> {
    using sum = gaussian_sum<G, Ts...>;
    using fn =
        decltype(gaussian_node_of<sum>(std::make_index_sequence<2 * static_cast<std::size_t>(sum::degree + 1)>{}));
    template <class... Rs>
    static auto with_node(type_list<Rs...>) -> product_of_list<type_list<Rs..., apply_t<fn, typename sum::U, G>>>;
    using type = stable_t<typename decltype(with_node(typename sum::rest{}))::type>;
};

// --------------------------------------- trigonometric polynomial sums

// The derivatives of a composition through sin or cos, e^(sin x^2) as the
// tutorial writes it, are sums of terms c u^j cos(v)^a sin(v)^b R: v a
// polynomial in u (x^2), R the same factors in every term (e^(sin x^2)).
// The canonical form keeps constants outside sub-sums (the fifth derivative
// is 2 (6 (2 x cos^3 e - 4 x cos e sin) - 6 (...) - ...)), so one monomial
// occurs in several of them, and the terms cancel near the derivative's
// zeros: evaluated as written, the fifth derivative of e^(sin x^2) was 3.4
// times Boost.Math's error at x = -39; and the polynomial summed exactly
// from the rounded sin v and cos v is only as good as Boost's
// (scripts/exp_sin_square_gap.py): the atoms must be more accurate than a
// double. So such a sum -- two terms or more, one with a power of sin v or
// cos v -- is evaluated as R times one node, trig_polynomial_fn(u): P =
// sum c u^j cos(v)^a sin(v)^b, its like monomials collected exactly at
// compile time, and v, sin v, cos v and P computed in the wider type, then
// rounded once. R is evaluated by the graph as before: a factor common to
// the terms, its rounding is not amplified by their cancellation.

// sin(V) or cos(V) to a nonzero integer power, as a factor: V and the powers
// of cos (a) and sin (b) it contributes.
template <class F>
struct trig_factor : std::false_type {
    using argument = void;
    static constexpr long long a = 0, b = 0;
};
template <class V>
struct trig_factor<Call<sin_fn, V>> : std::true_type {
    using argument = V;
    static constexpr long long a = 0, b = 1;
};
template <class V>
struct trig_factor<Call<cos_fn, V>> : std::true_type {
    using argument = V;
    static constexpr long long a = 1, b = 0;
};
template <class F, long long K>
    requires(K != 0 && trig_factor<F>::value)
struct trig_factor<Power<F, Int<K>>> : std::true_type {
    using argument = typename trig_factor<F>::argument;
    static constexpr long long a = K * trig_factor<F>::a, b = K * trig_factor<F>::b;
};

// The argument v of a term's first trigonometric factor, through products
// and the sums of c (t1 + t2 + ...) (void where there is none).
template <class T>
struct trig_argument {
    using type = typename trig_factor<T>::argument;
};
template <class T>
struct has_trig_argument : std::bool_constant<!std::is_void<typename trig_argument<T>::type>::value> {};
template <class... Fs>
struct trig_argument<Product<Fs...>> : first_with<has_trig_argument, trig_argument, Fs...> {};
template <class... Ts>
struct trig_argument<Sum<Ts...>> : first_with<has_trig_argument, trig_argument, Ts...> {};

// u, the node's argument: v's variable where v is a polynomial in it of
// degree at most trig_argument_degree_max, else v itself.
inline constexpr std::size_t trig_argument_degree_max = 4;
template <class V, class Leaf = typename leaf_of<V>::type>
struct trig_variable {
    static constexpr bool polynomial =
        polynomial_info<V, atom_kind::variable, Leaf>::ok &&
        polynomial_info<V, atom_kind::variable, Leaf>::value.degree <= trig_argument_degree_max;
    using type = if_t<polynomial, Leaf, V>;
};
template <class V>
struct trig_variable<V, void> {
    using type = V;
};

// One monomial c u^j cos(v)^a sin(v)^b.
struct trig_monomial {
    rational c{0, 1};
    long long j = 0, a = 0, b = 0;
};
// A factor of a term as a monomial: a number, u^j, cos(v)^a sin(v)^b, or 1
// for a factor of R.
template <class F, class V, class U>
constexpr trig_monomial trig_monomial_of_factor() {
    if constexpr (is_constant<F>::value) {
        return {checked_make_rational(F::numerator, F::denominator), 0, 0, 0};
    } else if constexpr (monomial_degree<F, U> > 0) {
        return {{1, 1}, monomial_degree<F, U>, 0, 0};
    } else if constexpr (std::is_same<typename trig_factor<F>::argument, V>::value) {
        return {{1, 1}, 0, trig_factor<F>::a, trig_factor<F>::b};
    } else {
        return {{1, 1}, 0, 0, 0};
    }
}
template <class F, class V, class U>
using trig_rest_of = if_t<is_constant<F>::value || (monomial_degree<F, U> > 0) ||
                              std::is_same<typename trig_factor<F>::argument, V>::value,
                          type_list<>, type_list<F>>;

// A term as its monomials -- one, or for c (t1 + t2 + ...) those of its
// terms times c -- and R, the list of its other factors. ok: the
// coefficients fit, and the terms of c (...) have one R.
template <class T, class V, class U>
struct trig_term {
    static constexpr std::size_t count = 1;
    static constexpr std::array<trig_monomial, 1> value = {trig_monomial_of_factor<T, V, U>()};
    static constexpr bool ok = !failed(value[0].c);
    using rest = trig_rest_of<T, V, U>;
};
template <class... Fs, class V, class U>
struct trig_term<Product<Fs...>, V, U> {
    static constexpr std::size_t count = 1;
    static constexpr std::array<trig_monomial, 1> value = [] {
        trig_monomial m{{1, 1}, 0, 0, 0};
        for (const trig_monomial& f : {trig_monomial_of_factor<Fs, V, U>()...}) {
            m.c = checked_mul(m.c, f.c);
            m.j += f.j;
            m.a += f.a;
            m.b += f.b;
        }
        return std::array<trig_monomial, 1>{m};
    }();
    static constexpr bool ok = !failed(value[0].c);
    using rest = typename concat_all<trig_rest_of<Fs, V, U>...>::type;
};
template <class C, class... Us, class V, class U>
requires is_constant<C>::value struct trig_term<Product<C, Sum<Us...>>, V, U> {
    static constexpr std::size_t count = add_up<std::size_t>({trig_term<Us, V, U>::count...});
    using rest = typename trig_term<at_t<0, type_list<Us...>>, V, U>::rest;
    static constexpr bool ok =
        all_of({(trig_term<Us, V, U>::ok && std::is_same<typename trig_term<Us, V, U>::rest, rest>::value)...});
    static constexpr std::array<trig_monomial, count> value = [] {
        std::array<trig_monomial, count> r{};
        const rational c = checked_make_rational(C::numerator, C::denominator);
        const trig_monomial* parts[] = {trig_term<Us, V, U>::value.data()...};
        const std::size_t counts[] = {trig_term<Us, V, U>::count...};
        std::size_t n = 0;
        for (std::size_t k = 0; k < sizeof...(Us); ++k)
            for (std::size_t i = 0; i < counts[k]; ++i, ++n) {
                r[n] = parts[k][i];
                r[n].c = checked_mul(c, r[n].c);
            }
        return r;
    }();
};

// What a trig_polynomial_fn carries (as a list of integers, see
// trig_datum): v = sum_k v[k] u^k / v_den, and P = sum_i p_i u^(j_i)
// cos(v)^(a_i) sin(v)^(b_i) / den, its monomials in the order of (a, b, j).
inline constexpr std::size_t trig_terms_max = 256;
struct trig_term_data {
    long long p = 0, j = 0, a = 0, b = 0;
};
struct trig_polynomial {
    std::array<long long, trig_argument_degree_max + 1> v{};
    long long v_den = 1;
    std::size_t v_degree = 0;
    std::array<trig_term_data, trig_terms_max> t{};
    std::size_t n = 0;
    long long den = 1;
    bool ok = true;
};

// Collects like monomials m[0..count) exactly over one denominator, without
// the zeros, in the order of (a, b, j), into d (whose v is set).
constexpr void collect_trig_monomials(trig_polynomial& d, const trig_monomial* m, std::size_t count) {
    auto before = [](const trig_monomial& x, const trig_monomial& y) {
        return x.a != y.a ? x.a < y.a : x.b != y.b ? x.b < y.b : x.j < y.j;
    };
    std::array<trig_monomial, trig_terms_max> s{};
    std::size_t n = 0;
    for (std::size_t i = 0; i < count && d.ok; ++i) {
        if (failed(m[i].c)) d.ok = false;
        std::size_t k = 0;
        while (k < n && before(s[k], m[i])) ++k;
        if (k < n && !before(m[i], s[k])) {  // like s[k]
            s[k].c = checked_add(s[k].c, m[i].c);
            d.ok = d.ok && !failed(s[k].c);
            continue;
        }
        if (n == trig_terms_max) {
            d.ok = false;
            break;
        }
        for (std::size_t l = n; l > k; --l) s[l] = s[l - 1];
        s[k] = m[i];
        ++n;
    }
    long long den = 1;
    for (std::size_t i = 0; i < n && d.ok; ++i)
        if (s[i].c.num != 0) den = mul_ll(den / gcd_ll(den, s[i].c.den, d.ok), s[i].c.den, d.ok);
    d.n = 0;
    d.den = den;
    for (std::size_t i = 0; i < n && d.ok; ++i)
        if (s[i].c.num != 0) d.t[d.n++] = {mul_ll(s[i].c.num, den / s[i].c.den, d.ok), s[i].j, s[i].a, s[i].b};
}

// v (an exact polynomial in u) into d.
constexpr long long wide_to_ll(const wide& w, bool& ok) {
    for (std::size_t l = 2; l < wide_limbs; ++l) ok = ok && w.limb[l] == 0;
    ok = ok && (w.limb[1] & 0x80000000U) == 0;
    const long long m = static_cast<long long>((std::uint64_t{w.limb[1]} << 32) | w.limb[0]);
    return w.negative ? -m : m;
}
constexpr void set_trig_argument(trig_polynomial& d, const exact_polynomial& v) {
    d.ok = d.ok && v.ok && v.degree <= trig_argument_degree_max;
    if (!d.ok) return;
    d.v_degree = v.degree;
    for (std::size_t k = 0; k <= v.degree; ++k) d.v[k] = wide_to_ll(v.num[k], d.ok);
    d.v_den = wide_to_ll(v.den, d.ok);
}

// The node's data as its list of integers: v's degree, v[0..], v_den, den,
// then p, j, a, b of each monomial.
constexpr std::size_t trig_data_size(const trig_polynomial& d) { return d.v_degree + 4 + 4 * d.n; }
constexpr long long trig_datum(const trig_polynomial& d, std::size_t i) {
    if (i == 0) return static_cast<long long>(d.v_degree);
    if (i <= d.v_degree + 1) return d.v[i - 1];
    if (i == d.v_degree + 2) return d.v_den;
    if (i == d.v_degree + 3) return d.den;
    const std::size_t k = i - (d.v_degree + 4);
    const trig_term_data& t = d.t[k / 4];
    return k % 4 == 0 ? t.p : k % 4 == 1 ? t.j : k % 4 == 2 ? t.a : t.b;
}
template <long long... Cs>
constexpr trig_polynomial trig_polynomial_of() {
    constexpr long long c[] = {Cs...};
    trig_polynomial d{};
    d.v_degree = static_cast<std::size_t>(c[0]);
    for (std::size_t k = 0; k <= d.v_degree; ++k) d.v[k] = c[k + 1];
    d.v_den = c[d.v_degree + 2];
    d.den = c[d.v_degree + 3];
    d.n = (sizeof...(Cs) - (d.v_degree + 4)) / 4;
    for (std::size_t i = 0; i < d.n; ++i) {
        const long long* q = c + d.v_degree + 4 + 4 * i;
        d.t[i] = {q[0], q[1], q[2], q[3]};
    }
    return d;
}

// d/du P: with c' = -s v', s' = c v', each monomial p u^j c^a s^b gives
// j p u^(j-1) c^a s^b + p u^j v' (b c^(a+1) s^(b-1) - a c^(a-1) s^(b+1)),
// over den v_den.
constexpr trig_polynomial trig_derivative_of(const trig_polynomial& d) {
    std::array<trig_monomial, trig_terms_max> m{};
    std::size_t n = 0;
    trig_polynomial r{};
    r.v = d.v;
    r.v_den = d.v_den;
    r.v_degree = d.v_degree;
    auto put = [&](long long p, long long j, long long a, long long b) {
        if (p == 0) return;
        if (n == trig_terms_max) {
            r.ok = false;
            return;
        }
        m[n++] = {checked_make_rational(p, 1), j, a, b};
    };
    for (std::size_t i = 0; i < d.n && r.ok; ++i) {
        const trig_term_data& t = d.t[i];
        put(mul_ll(mul_ll(t.p, t.j, r.ok), d.v_den, r.ok), t.j - 1, t.a, t.b);
        for (std::size_t k = 1; k <= d.v_degree; ++k) {
            const long long pv = mul_ll(mul_ll(t.p, static_cast<long long>(k), r.ok), d.v[k], r.ok);
            const long long j = t.j + static_cast<long long>(k) - 1;
            put(mul_ll(pv, t.b, r.ok), j, t.a + 1, t.b - 1);
            put(mul_ll(pv, -t.a, r.ok), j, t.a - 1, t.b + 1);
        }
    }
    collect_trig_monomials(r, m.data(), n);
    r.den = mul_ll(r.den, mul_ll(d.den, d.v_den, r.ok), r.ok);
    return r;
}

// The node of the data Source::value (a trig_polynomial), and the node of
// its derivative.
template <long long... Cs>
struct trig_polynomial_fn;
template <class Source, std::size_t... I>
auto trig_node_of(std::index_sequence<I...>) -> trig_polynomial_fn<trig_datum(Source::value, I)...>;
template <class Source>
using trig_node = decltype(trig_node_of<Source>(std::make_index_sequence<trig_data_size(Source::value)>{}));
template <long long... Cs>
struct trig_derivative {
    static constexpr trig_polynomial value = trig_derivative_of(trig_polynomial_of<Cs...>());
    static_assert(value.ok, "chainrule::detail::trig_polynomial_fn: a derivative whose coefficients do not fit");
};

/// The numbers of a trig_polynomial_fn in the working type W: v's
/// coefficients, P's coefficients p and the exponents j, a, b of each
/// monomial.
template <class W, std::size_t N>
struct trig_numbers {
    std::array<W, trig_argument_degree_max + 1> v{};
    W v_den{}, den{};
    std::size_t v_degree = 0;
    std::array<W, N> p{};
    std::array<long long, 3 * N> exponents{};
};
// The same as trig_polynomial_value sees them (one function per T and W, not
// per node).
template <class W>
struct trig_view {
    const W* v;
    std::size_t v_degree;
    W v_den, den;
    const W* p;
    const long long* exponents;
    std::size_t n;
};
template <class W, std::size_t N>
constexpr trig_view<W> view_of(const trig_numbers<W, N>& c) {
    return {c.v.data(), c.v_degree, c.v_den, c.den, c.p.data(), c.exponents.data(), N};
}

// x^n for any integer n (x^-n = 1 / x^n).
template <class W>
constexpr W integer_power_of(W x, long long n) {
    return n < 0 ? math::detail::ieee_div(W(1), power_of(x, -n)) : power_of(x, n);
}

// sin v and cos v in W. In long double from one argument reduction and
// math.hpp's constexpr kernels (within 1 ulp), at run time too: glibc's sinl
// and cosl took 240 ns together for v = x^2 up to 1600 (g++, x86-64). Below
// 2^31 the reduction is math.hpp's (Cody-Waite), but with the quotient
// rounded by adding and subtracting 1.5 2^63 and its residue mod 4 read by
// comparisons: a conversion to an integer type costs two changes of the x87
// control word, which made the whole take 180 ns on g++. (An infinite v is
// math::sin's: NaN at run time, a domain error in constant evaluation, as
// the sum as written.)
template <class W>
struct sine_and_cosine {
    W s, c;
};
template <class W>
constexpr sine_and_cosine<W> sin_and_cos(W v) {
    if constexpr (std::is_same_v<W, long double>) {
        if (math::isfinite(v)) {
            namespace k = math::detail::k;
            const W av = v < W(0) ? -v : v;
            int q = 0;
            W r = av;
            if (av >= W(0x1p31L)) {
                r = math::detail::reduce_pio2(av, q);
            } else if (av > W(0.785398L)) {
                constexpr W magic = 0x1.8p63L;
                const W n = (av * k::two_over_pi + magic) - magic;  // the nearest integer, exactly
                r = av - n * k::pio2_1 - n * k::pio2_2 - n * k::pio2_3 - n * k::pio2_4 - n * k::pio2_5 - n * k::pio2_6;
                const W m = n - W(4) * ((W(0.25L) * n + magic) - magic);  // n mod 4, in -2..2
                q = m < W(-1.5L) ? 2 : m < W(-0.5L) ? 3 : m < W(0.5L) ? 0 : m < W(1.5L) ? 1 : 2;
            }
            const W sine = math::detail::sin_kernel(r), cosine = math::detail::cos_kernel(r);
            W s = (q & 1) != 0 ? cosine : sine, c = (q & 1) != 0 ? sine : cosine;
            if ((q & 2) != 0) s = -s;
            if (q == 1 || q == 2) c = -c;
            return {v < W(0) ? -s : s, c};
        }
    }
    return {math::sin(v), math::cos(v)};
}

// The value of a trig_polynomial_fn at u: v, sin v, cos v and P in W,
// rounded once. cancels: where not null, set where P's terms cancel
// (terms_cancel).
template <class T, class W>
constexpr T trig_polynomial_value(T u, const trig_view<W>& c, bool* cancels = nullptr) {
    using math::detail::ieee_add;
    using math::detail::ieee_div;
    using math::detail::ieee_mul;
    if (u != u) return u;  // NaN in, NaN out (and no NaN arithmetic, which Clang refuses in constant evaluation)
    const W w = W(u);
    const W v = ieee_div(horner(c.v, c.v_degree, w), c.v_den);
    const sine_and_cosine<W> sc = sin_and_cos(v);
    W sum = W(0), magnitudes = W(0);
    for (std::size_t i = 0; i < c.n; ++i) {
        const long long* e = c.exponents + 3 * i;
        const W term = ieee_mul(ieee_mul(c.p[i], power_of(w, e[0])),
                                ieee_mul(integer_power_of(sc.c, e[1]), integer_power_of(sc.s, e[2])));
        sum = ieee_add(sum, term);
        if (cancels != nullptr) magnitudes = ieee_add(magnitudes, math::abs(term));
    }
    if (cancels != nullptr && terms_cancel(sum, magnitudes)) *cancels = true;
    return math::detail::narrow<T>(static_cast<long double>(ieee_div(sum, c.den)));
}

/// P(u) = sum_i p_i u^(j_i) cos(v(u))^(a_i) sin(v(u))^(b_i) / den for the
/// data Cs (trig_datum; see "trigonometric polynomial sums" above). An
/// internal function: eval, Jacobian and Hessian entries use it; it has a
/// derivative rule, as every function does.
template <long long... Cs>
struct trig_polynomial_fn {
    static constexpr trig_polynomial data = trig_polynomial_of<Cs...>();
    static constexpr const char* name = "trig_polynomial";
    static constexpr auto key_text = integers_key<Cs...>();
    static constexpr const char* key = key_text.data();

    template <class U>
    using derivative = apply_t<trig_node<trig_derivative<Cs...>>, U>;

    template <class W>
    static constexpr trig_numbers<W, data.n> numbers = [] {
        trig_numbers<W, data.n> c{};
        c.v_degree = data.v_degree;
        for (std::size_t k = 0; k <= data.v_degree; ++k) c.v[k] = W(data.v[k]);
        c.v_den = W(data.v_den);
        c.den = W(data.den);
        for (std::size_t i = 0; i < data.n; ++i) {
            c.p[i] = W(data.t[i].p);
            c.exponents[3 * i] = data.t[i].j;
            c.exponents[3 * i + 1] = data.t[i].a;
            c.exponents[3 * i + 2] = data.t[i].b;
        }
        return c;
    }();
    template <class W>
    static constexpr trig_view<W> view = view_of(numbers<W>);

    // The powers of sin v and cos v a monomial has at most, |a| + |b|.
    static constexpr std::size_t degree = [] {
        long long d = 0;
        for (std::size_t i = 0; i < data.n; ++i) {
            const long long m =
                (data.t[i].a < 0 ? -data.t[i].a : data.t[i].a) + (data.t[i].b < 0 ? -data.t[i].b : data.t[i].b);
            d = m > d ? m : d;
        }
        return static_cast<std::size_t>(d);
    }();

    // (The working type: double_when_no_cancellation, above, of the powers
    // of sin v and cos v, which are then in double too; else v, sin v and cos
    // v in W as well.)
    template <std::floating_point T>
    static constexpr T eval(T u) {
        using W = typename wider_scalar<T>::type;
        if constexpr (double_when_no_cancellation<T>(degree)) {
            bool cancels = false;
            const T value = trig_polynomial_value<T, T>(u, view<T>, &cancels);
            if (!cancels) return value;
        }
        return trig_polynomial_value<T, W>(u, view<W>);
    }
};

// A sum of terms c u^j cos(v)^a sin(v)^b R, R the same in every term:
// applies where every coefficient fits, P has two monomials or more and one
// with a power of sin v or cos v.
template <class... Ts>
struct trig_sum {
    using V = typename first_with<has_trig_argument, trig_argument, Ts...>::type;
    using U = typename trig_variable<V>::type;
    using rest = typename trig_term<at_t<0, type_list<Ts...>>, V, U>::rest;
    static constexpr bool terms_ok =
        all_of({(trig_term<Ts, V, U>::ok && std::is_same<typename trig_term<Ts, V, U>::rest, rest>::value)...});
    static constexpr trig_polynomial value = [] {
        trig_polynomial d{};
        if constexpr (!terms_ok) {
            d.ok = false;
        } else {
            constexpr std::size_t count = add_up<std::size_t>({trig_term<Ts, V, U>::count...});
            std::array<trig_monomial, count> m{};
            const trig_monomial* parts[] = {trig_term<Ts, V, U>::value.data()...};
            const std::size_t counts[] = {trig_term<Ts, V, U>::count...};
            std::size_t n = 0;
            for (std::size_t k = 0; k < sizeof...(Ts); ++k)
                for (std::size_t i = 0; i < counts[k]; ++i) m[n++] = parts[k][i];
            if constexpr (std::is_same<U, V>::value) {
                set_trig_argument(d, polynomial_variable());
            } else {
                set_trig_argument(d, polynomial_info<V, atom_kind::variable, U>::value);
            }
            if (count > trig_terms_max) d.ok = false;
            else collect_trig_monomials(d, m.data(), count);
        }
        return d;
    }();
    static constexpr bool applies = [] {
        if (!value.ok || value.n < 2) return false;
        for (std::size_t i = 0; i < value.n; ++i)
            if (value.t[i].a != 0 || value.t[i].b != 0) return true;
        return false;
    }();
};
// R times the node at u, as rewrite_or takes a rewrite's result.
template <class... Ts>
struct rewritten<trig_sum<Ts...>> {
    using sum = trig_sum<Ts...>;
    template <class... Rs>
    static auto with_node(type_list<Rs...>)
        -> product_of_list<type_list<Rs..., apply_t<trig_node<sum>, typename sum::U>>>;
    using type = stable_t<typename decltype(with_node(typename sum::rest{}))::type>;
};

// A sum without sigma, tanh, a rational or a Gaussian form: one
// trigonometric polynomial node where it is such a sum (Trig: a term has sin
// or cos at its top, walk_flags), else rebuilt from its stabilised terms
// (rewrite_or's Otherwise: type::type is the result).
template <bool Trig, class... Ts>
struct trig_or_rebuilt {
    static constexpr bool try_it = Trig && sizeof...(Ts) >= 2 && sizeof...(Ts) <= polynomial_terms_limit;
    using type =
        std::type_identity<typename rewrite_or<trig_sum<Ts...>, rebuilt<rebuild_sum, Sum<Ts...>, Ts...>, try_it>::type>;
};

// A sum without sigma or tanh that is not a rational sum: one Gaussian
// polynomial node where it is a Gaussian sum, else rebuilt from its
// stabilised terms (rewrite_or's Otherwise: type::type is the result).
template <class... Ts>
struct gaussian_or_rebuilt {
    using gaussian = typename first_with<has_gaussian, gaussian_of_term, Ts...>::type;
    static constexpr bool try_it =
        sizeof...(Ts) >= 2 && sizeof...(Ts) <= polynomial_terms_limit && !std::is_void<gaussian>::value;
    using type =
        std::type_identity<typename rewrite_or<gaussian_sum<gaussian, Ts...>,
                                               trig_or_rebuilt<walk_flags<Sum<Ts...>>::trig, Ts...>, try_it>::type>;
};

// A sum without sigma or tanh: one rational node where it is a rational sum
// (and U, Q found), else a Gaussian polynomial node where it is a Gaussian
// sum, else rebuilt from its stabilised terms.
template <class... Ts>
struct stable_rational_sum {
    using base = typename first_with<term_has_base, term_base, Ts...>::type;
    using variable = typename if_t<std::is_void<base>::value, std::type_identity<void>, leaf_of<base>>::type;
    static constexpr bool try_it = sizeof...(Ts) >= 2 && sizeof...(Ts) <= polynomial_terms_limit &&
                                   !std::is_void<base>::value && !std::is_void<variable>::value;
    using type = typename rewrite_or<rational_sum<variable, base, Ts...>, gaussian_or_rebuilt<Ts...>, try_it>::type;
};

// ------------------------------------------- the common case, directly

// Every derivative of sigma and tanh to order 17 is a sum of terms c a^k (c
// an Int or a Ratio, a = sigma(U) or tanh(U), k >= 0). Such a sum's
// polynomial is read off its terms in one pass, and any other sum that is
// wholly a polynomial in a is taken as one (polynomial_info), without the
// pairs above, whose grouping cost the most compile time of this file. What
// either finds is what the pairs would: one group, of coefficient 1.
struct monomial_entry {
    long long p = 0, q = 1;  // the coefficient p / q
    std::size_t k = 0;       // the power of a
    bool ok = false;
};
template <class T, atom_kind K, class U>
struct monomial_of {
    static constexpr monomial_entry value{};
};
template <long long N, atom_kind K, class U>
struct monomial_of<Int<N>, K, U> {
    static constexpr monomial_entry value{N, 1, 0, true};
};
template <long long P, long long Q, atom_kind K, class U>
struct monomial_of<Ratio<P, Q>, K, U> {
    static constexpr monomial_entry value{P, Q, 0, true};
};
template <class U>
struct monomial_of<Call<sigmoid_fn, U>, atom_kind::sigmoid, U> {
    static constexpr monomial_entry value{1, 1, 1, true};
};
template <class U>
struct monomial_of<Call<tanh_fn, U>, atom_kind::tanh, U> {
    static constexpr monomial_entry value{1, 1, 1, true};
};
template <class B, long long N, atom_kind K, class U>
struct monomial_of<Power<B, Int<N>>, K, U> {
    static constexpr monomial_entry value = [] {
        monomial_entry e = monomial_of<B, K, U>::value;
        if (!(N > 0 && e.ok && e.k == 1 && e.p == 1 && e.q == 1)) return monomial_entry{};
        e.k = static_cast<std::size_t>(N);
        return e;
    }();
};
template <class C, class A, atom_kind K, class U>
struct monomial_of<Product<C, A>, K, U> {
    static constexpr monomial_entry value = [] {
        const monomial_entry c = monomial_of<C, K, U>::value, a = monomial_of<A, K, U>::value;
        if (!(c.ok && a.ok && c.k == 0 && a.k > 0 && a.p == 1 && a.q == 1)) return monomial_entry{};
        return monomial_entry{c.p, c.q, a.k, true};
    }();
};

// The polynomial of the sum of the terms e[0..n) (ok = false where the
// common denominator or a power does not fit).
template <std::size_t N>
constexpr exact_polynomial polynomial_of_monomials(const std::array<monomial_entry, N>& e) {
    exact_polynomial r{};
    long long den = 1;
    for (const monomial_entry& m : e) {
        if (!m.ok || m.k > polynomial_capacity) {
            r.ok = false;
            return r;
        }
        const long long g = gcd_ll(den, m.q, r.ok);
        if (!r.ok || den / g > (static_cast<long long>(1) << 62) / m.q) {
            r.ok = false;
            return r;
        }
        den = den / g * m.q;
    }
    r.den = wide_of(den);
    for (const monomial_entry& m : e) {
        r.num[m.k] = wide_add(r.num[m.k], wide_multiply(wide_of(m.p), wide_of(den / m.q), r.ok), r.ok);
        if (m.k > r.degree) r.degree = m.k;
    }
    trim(r);
    return r;
}
template <atom_kind K, class U, class... Ts>
struct monomial_sum {
    static constexpr std::array<monomial_entry, sizeof...(Ts)> entries = {monomial_of<Ts, K, U>::value...};
    static constexpr bool all_monomials = [] {
        for (const monomial_entry& m : entries)
            if (!m.ok) return false;
        return true;
    }();
    // Or, where some term is not c a^k (orders 18 and above of sigma keep
    // factors such as (1 - sigma), see compact in expand.hpp), the whole sum
    // as one polynomial, where it is one.
    static constexpr bool whole = all_monomials || polynomial_info<Sum<Ts...>, K, U>::ok;
    static constexpr exact_polynomial value = [] {
        if constexpr (all_monomials) {
            return polynomial_of_monomials(entries);
        } else if constexpr (whole) {
            return polynomial_info<Sum<Ts...>, K, U>::value;
        } else {
            exact_polynomial none{};
            none.ok = false;
            return none;
        }
    }();
};
// As the pairs decide: Source::value becomes a node where that is exact and
// not a lone a^k.
template <atom_kind K, class U, class Source>
constexpr bool worth_a_node() {
    return Source::value.ok && nonzero_terms(Source::value) >= 2 && polynomial_node<K, U, Source>::data.ok;
}
template <atom_kind K, class U, class... Ts>
struct monomial_sum_node {  // (as rebuilt: type::type is the result)
    using type = std::type_identity<typename polynomial_node<K, U, monomial_sum<K, U, Ts...>>::type>;
};

template <class Sum, bool Monomials, class Atom, class... Ts>
struct stable_sum;
template <class... Ts, class Atom>
struct stable_sum<Sum<Ts...>, true, Atom> {
    using type = typename if_t<
        worth_a_node<Atom::kind, typename Atom::argument, monomial_sum<Atom::kind, typename Atom::argument, Ts...>>(),
        monomial_sum_node<Atom::kind, typename Atom::argument, Ts...>,
        rebuilt<rebuild_sum, Sum<Ts...>, Ts...>>::type::type;
};
template <class... Ts, class Atom>
struct stable_sum<Sum<Ts...>, false, Atom> {
    static constexpr bool try_it = Atom::kind != atom_kind::none && sizeof...(Ts) <= polynomial_terms_limit;
    using type = typename rewrite_or<polynomial_rewrite<Atom::kind, typename Atom::argument, Ts...>,
                                     rebuilt<rebuild_sum, Sum<Ts...>, Ts...>, try_it>::type;
};
template <class Atom, class... Ts>
constexpr bool whole_polynomial() {
    if constexpr (Atom::kind == atom_kind::none || sizeof...(Ts) > polynomial_terms_limit) {
        return false;
    } else {
        return monomial_sum<Atom::kind, typename Atom::argument, Ts...>::whole;
    }
}

template <class... Ts>
struct stable_sum_with_atom {
    using atom = first_atom<Ts...>;
    using type = typename stable_sum<Sum<Ts...>, whole_polynomial<atom, Ts...>(), atom>::type;
};
// A sum: polynomials in sigma or tanh where there are any, else a rational
// sum where it is one.
template <class... Ts>
struct stable<Sum<Ts...>, true> {
    using type = typename if_t<first_atom<Ts...>::kind == atom_kind::none, stable_rational_sum<Ts...>,
                               stable_sum_with_atom<Ts...>>::type;
};
// Whether a product's factors are apart: each is wholly a polynomial in the
// sigma or tanh at its top (1 - tanh(u)^2, sigma(u)^3), and no two share
// theirs. Such a product is its factors stabilised one by one: the pairs
// would find one group per factor, the factor's own polynomial, and reach
// the same product through the rest of the factors, rewritten again, one
// factor fewer each time -- O(n^2) products formed for n factors (the
// derivative of a composition n tanh deep, the product of the 1 -
// tanh(t_k)^2, took longer to stabilise than to form). (A factor without
// sigma or tanh at its top, a constant or (3 + tanh(u))^-2, is not apart:
// the pairs can give it another place, so the product keeps to them.)
template <class Atom, bool = Atom::kind != atom_kind::none>
struct atom_key {
    using type = void;
};
template <class Atom>
struct atom_key<Atom, true> {
    using type = Call<if_t<Atom::kind == atom_kind::tanh, tanh_fn, sigmoid_fn>, typename Atom::argument>;
};
template <class F, class Atom = atom_search<F>, bool = Atom::kind != atom_kind::none>
struct factor_apart : std::false_type {};
template <class F, class Atom>
struct factor_apart<F, Atom, true> : std::bool_constant<polynomial_info<F, Atom::kind, typename Atom::argument>::ok> {};
template <class Key, class... Keys>
struct key_once {
    static constexpr bool value = [] {
        if constexpr (std::is_void<Key>::value) {
            return true;
        } else {
            constexpr bool same[] = {std::is_same<Key, Keys>::value...};
            std::size_t n = 0;
            for (bool b : same) n += b ? 1 : 0;
            return n == 1;
        }
    }();
};
template <class... Fs>
struct keys_once {
    static constexpr bool value = all_of(
        {key_once<typename atom_key<atom_search<Fs>>::type, typename atom_key<atom_search<Fs>>::type...>::value...});
};
// (The keys, n^2 comparisons, are compared only where every factor is a
// polynomial in its own atom.)
template <class... Fs>
struct factors_apart : if_t<all_of({factor_apart<Fs>::value...}), keys_once<Fs...>, std::false_type> {};

template <class... Fs>
struct stable_product_by_pairs {
    using atom = first_atom<Fs...>;
    static constexpr bool try_it = atom::kind != atom_kind::none && !factors_apart<Fs...>::value;
    using type = typename rewrite_or<polynomial_rewrite<atom::kind, typename atom::argument, Product<Fs...>>,
                                     rebuilt<rebuild_product, Product<Fs...>, Fs...>, try_it>::type;
};
// A product that is wholly a polynomial in a, -2 (c1 (t - t^3) + ...) as
// the derivatives of tanh are written, is one node at once: what the pairs
// would find (one group, of coefficient 1), without forming them.
template <class Atom, class... Fs>
constexpr bool whole_polynomial_product() {
    if constexpr (Atom::kind == atom_kind::none) {
        return false;
    } else {
        using info = polynomial_info<Product<Fs...>, Atom::kind, typename Atom::argument>;
        if constexpr (!info::ok) {
            return false;
        } else {
            return worth_a_node<Atom::kind, typename Atom::argument, info>();
        }
    }
}
template <class... Fs>
struct stable_product {
    using atom = first_atom<Fs...>;
    using type = typename if_t<whole_polynomial_product<atom, Fs...>(),
                               polynomial_node<atom::kind, typename atom::argument,
                                               polynomial_info<Product<Fs...>, atom::kind, typename atom::argument>>,
                               stable_product_by_pairs<Fs...>>::type;
};
// A product with the factors u^m and exp(c u^(2k)): the two as one node
// gaussian_tail_fn(u, exp(c u^(2k))), beside the other factors; then the
// product again (another pair, or a polynomial in sigma or tanh).
template <class... Fs>
struct gaussian_rewrite {
    static constexpr gaussian_match match = gaussian_pair<Fs...>::value;
    using exponential = at_t<match.exponential, type_list<Fs...>>;
    using monomial = at_t<match.monomial, type_list<Fs...>>;
    using info = gaussian_factor<exponential>;
    using node =
        apply_t<gaussian_tail_fn<monomial_degree<monomial, typename info::base>, info::c_num, info::c_den, info::k>,
                typename info::base, exponential>;
    using others = typename concat_all<if_t<std::is_same<Fs, exponential>::value || std::is_same<Fs, monomial>::value,
                                            type_list<>, type_list<Fs>>...>::type;
    template <class... Os>
    static auto with_node(type_list<Os...>) -> product_of_list<type_list<Os..., node>>;
    using type = stable_t<typename decltype(with_node(others{}))::type>;
};
template <class... Fs>
struct stable<Product<Fs...>, true> {
    using type = typename if_t<gaussian_pair<Fs...>::value.found, gaussian_rewrite<Fs...>, stable_product<Fs...>>::type;
};
template <class Fn, class... As>
struct stable<Call<Fn, As...>, true> {
    using type = typename if_t<all_of({std::is_same<stable_t<As>, As>::value...}), std::type_identity<Call<Fn, As...>>,
                               apply<Fn, stable_t<As>...>>::type;
};
// A power rebuilt from its stabilised base and exponent (or left as it is).
template <class B, class E>
struct stable_power {
    using type = typename if_t<std::is_same<stable_t<B>, B>::value && std::is_same<stable_t<E>, E>::value,
                               std::type_identity<Power<B, E>>, power<stable_t<B>, stable_t<E>>>::type;
};
// cbrt(u)^k as u^q cbrt(u)^r, k = 3q + r, r of k's sign and |r| <= 2: the
// derivatives of cbrt are c cbrt(x)^(1 - 3n), and raising the rounded
// cbrt(x) to the 47th power (n = 16) multiplies its rounding error by 47;
// x^-15 cbrt(x)^-2 carries that error twice and x's none. The same value
// wherever it is defined: cbrt(u)^3 = u for every real u, and q and r have
// the same sign, so no 0 * inf appears at 0 or at infinity, and the sign of
// a zero or an infinity is sign(u)^(q + r) = sign(u)^k.
template <class U, long long K>
struct cbrt_power {
    static constexpr long long q = K / 3, r = K % 3;  // both of K's sign (C++ division truncates)
    using base = stable_t<U>;
    using type = typename multiply_many<typename power<base, Int<q>>::type,
                                        typename power<Call<cbrt_fn, base>, Int<r>>::type>::type;
};
template <class U, long long K>
struct stable<Power<Call<cbrt_fn, U>, Int<K>>, true>
    : if_t<(K >= 3 || K <= -3), cbrt_power<U, K>, stable_power<Call<cbrt_fn, U>, Int<K>>> {};
template <class B, class E>
struct stable<Power<B, E>, true> : stable_power<B, E> {};

}  // namespace chainrule::detail
