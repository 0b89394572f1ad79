#pragma once

// Exact arithmetic on the compile-time constants Int<N> and Rational<P, Q>.
//
// Everything here runs inside template arguments. An operation that cannot
// give an exact long long fraction (an overflow, a division by zero) does not
// stop the compiler where it happens: that place is deep inside the
// instantiation of the expression being built, and a compiler's message
// there prints every enclosing expression in full, as a tree (23 MB for the
// logistic map at depth 16, and out of memory at depth 32). The checked_*
// functions return a rational with den == 0 instead, whose num says what went
// wrong (constant_error); constant_t (expression.hpp) turns it into a
// message with no expression in it, and an inert stand-in so that the
// compiler goes on without further errors. The unchecked functions
// (rational_add, ...) are for callers that want the error where they are:
// they call a non-constexpr function whose name says what happened.
namespace chainrule::detail {

struct rational {
    long long num;
    long long den;  // > 0, gcd(num, den) == 1; 0 for the result of a failed operation, num a constant_error
};

/// Why an exact constant could not be formed (rational{error, 0}).
enum constant_error : long long {
    constant_overflow = 1,               // the exact value does not fit in long long
    constant_division_by_zero = 2,       // Rational<P, 0>, or a constant to a negative power of 0
    constant_divisor_zero = 3,           // Div<A, Int<0>>
    constant_zero_to_negative_power = 4  // Pow<Int<0>, B> with a constant B < 0
};

constexpr bool failed(rational r) { return r.den == 0; }

// Called only when exact constant arithmetic would not fit in long long; it
// is not constexpr on purpose, so the compile error names the problem.
void chainrule_constant_arithmetic_overflows_long_long();
// Called only for a compile-time constant divided by zero (Div<E, Int<0>>,
// Pow<Int<0>, Int<-1>>, Rational<1, 0>).
void chainrule_division_by_the_constant_zero();

// ------------------------------------------------------- checked arithmetic
// Each sets ok to false, and returns 0, when the result does not fit.

constexpr long long abs_ll(long long a, bool& ok) {
    if (a == -9223372036854775807LL - 1) {
        ok = false;
        return 0;
    }
    return a < 0 ? -a : a;
}

constexpr long long gcd_ll(long long a, long long b, bool& ok) {
    a = abs_ll(a, ok);
    b = abs_ll(b, ok);
    while (b != 0) {
        long long t = a % b;
        a = b;
        b = t;
    }
    return a;
}

constexpr long long add_ll(long long a, long long b, bool& ok) {
    constexpr long long max = 9223372036854775807LL;
    constexpr long long min = -max - 1;
    if ((b > 0 && a > max - b) || (b < 0 && a < min - b)) {
        ok = false;
        return 0;
    }
    return a + b;
}

constexpr long long mul_ll(long long a, long long b, bool& ok) {
    if (a == 0 || b == 0) return 0;
    constexpr long long max = 9223372036854775807LL;
    long long ua = abs_ll(a, ok), ub = abs_ll(b, ok);
    if (!ok || ua > max / ub) {
        ok = false;
        return 0;
    }
    return a * b;
}

constexpr rational checked_make_rational(long long p, long long q) {
    if (q == 0) return {constant_division_by_zero, 0};
    bool ok = true;
    if (q < 0) {
        p = mul_ll(p, -1, ok);
        q = mul_ll(q, -1, ok);
    }
    long long g = gcd_ll(p, q, ok);
    if (!ok) return {constant_overflow, 0};
    if (g == 0) return {0, 1};
    return {p / g, q / g};
}

constexpr rational checked_add(rational a, rational b) {
    if (failed(a)) return a;
    if (failed(b)) return b;
    bool ok = true;
    long long g = gcd_ll(a.den, b.den, ok);
    long long den = mul_ll(a.den / g, b.den, ok);
    long long num = add_ll(mul_ll(a.num, b.den / g, ok), mul_ll(b.num, a.den / g, ok), ok);
    if (!ok) return {constant_overflow, 0};
    return checked_make_rational(num, den);
}

constexpr rational checked_mul(rational a, rational b) {
    if (failed(a)) return a;
    if (failed(b)) return b;
    // Cross-reduce first so intermediate products stay as small as possible.
    bool ok = true;
    long long g1 = gcd_ll(a.num, b.den, ok), g2 = gcd_ll(b.num, a.den, ok);
    if (g1 == 0) g1 = 1;
    if (g2 == 0) g2 = 1;
    long long num = mul_ll(a.num / g1, b.num / g2, ok), den = mul_ll(a.den / g2, b.den / g1, ok);
    if (!ok) return {constant_overflow, 0};
    return checked_make_rational(num, den);
}

constexpr rational checked_pow(rational a, long long n) {
    if (failed(a)) return a;
    if (n < 0) {
        if (a.num == 0) return {constant_division_by_zero, 0};
        if (n == -9223372036854775807LL - 1) return {constant_overflow, 0};
        return checked_pow(checked_make_rational(a.den, a.num), -n);
    }
    rational r{1, 1};
    for (; n > 0 && !failed(r) && !failed(a); n /= 2) {  // by squaring: Int<-1>^N must not loop N times
        if (n % 2 == 1) r = checked_mul(r, a);
        if (n > 1) a = checked_mul(a, a);
    }
    return failed(a) ? a : r;
}

// ----------------------------------------- the same, failing where they are

constexpr rational or_fail(rational r) {
    if (failed(r)) {
        if (r.num == constant_division_by_zero) chainrule_division_by_the_constant_zero();
        else chainrule_constant_arithmetic_overflows_long_long();
    }
    return r;
}

constexpr long long abs_ll(long long a) {
    bool ok = true;
    a = abs_ll(a, ok);
    if (!ok) chainrule_constant_arithmetic_overflows_long_long();
    return a;
}
constexpr long long gcd_ll(long long a, long long b) {
    bool ok = true;
    a = gcd_ll(a, b, ok);
    if (!ok) chainrule_constant_arithmetic_overflows_long_long();
    return a;
}
constexpr long long add_ll(long long a, long long b) {
    bool ok = true;
    a = add_ll(a, b, ok);
    if (!ok) chainrule_constant_arithmetic_overflows_long_long();
    return a;
}
constexpr long long mul_ll(long long a, long long b) {
    bool ok = true;
    a = mul_ll(a, b, ok);
    if (!ok) chainrule_constant_arithmetic_overflows_long_long();
    return a;
}
constexpr rational make_rational(long long p, long long q) { return or_fail(checked_make_rational(p, q)); }
constexpr rational rational_add(rational a, rational b) { return or_fail(checked_add(a, b)); }
constexpr rational rational_mul(rational a, rational b) { return or_fail(checked_mul(a, b)); }
constexpr rational rational_pow(rational a, long long n) { return or_fail(checked_pow(a, n)); }

// Three-way comparison without forming a.num * b.den (which could overflow):
// compare integer parts, then the reciprocals of the fractional parts.
constexpr int rational_compare(rational a, rational b) {
    for (;;) {
        long long qa = a.num / a.den, ra = a.num % a.den;
        if (ra < 0) {
            --qa;
            ra += a.den;
        }
        long long qb = b.num / b.den, rb = b.num % b.den;
        if (rb < 0) {
            --qb;
            rb += b.den;
        }
        if (qa != qb) return qa < qb ? -1 : 1;
        if (ra == 0 || rb == 0) return ra == rb ? 0 : (ra == 0 ? -1 : 1);
        // a - qa = ra/a.den, b - qb = rb/b.den; larger fraction <=> smaller reciprocal
        rational ia{a.den, ra}, ib{b.den, rb};
        a = ib;
        b = ia;
    }
}

}  // namespace chainrule::detail
