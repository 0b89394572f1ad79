#pragma once

// Exact arithmetic on the compile-time constants Int<N> and Rational<P, Q>.
//
// Everything here runs inside template arguments. An overflow of long long is
// reported by calling a non-constexpr function whose name says what happened,
// so the compiler's error names the problem instead of printing a generic
// "not a constant expression".
namespace chainrule::detail {

struct rational {
    long long num;
    long long den;  // > 0, gcd(num, den) == 1
};

// Called only when exact constant arithmetic would not fit in long long; it
// is not constexpr on purpose, so the compile error names the problem.
void chainrule_constant_arithmetic_overflows_long_long();
// Called only for a compile-time constant divided by zero (Div<E, Int<0>>,
// Pow<Int<0>, Int<-1>>, Rational<1, 0>).
void chainrule_division_by_the_constant_zero();

constexpr long long abs_ll(long long a) {
    if (a == -9223372036854775807LL - 1) chainrule_constant_arithmetic_overflows_long_long();
    return a < 0 ? -a : a;
}

constexpr long long gcd_ll(long long a, long long b) {
    a = abs_ll(a);
    b = abs_ll(b);
    while (b != 0) {
        long long t = a % b;
        a = b;
        b = t;
    }
    return a;
}

constexpr long long add_ll(long long a, long long b) {
    constexpr long long max = 9223372036854775807LL;
    constexpr long long min = -max - 1;
    if ((b > 0 && a > max - b) || (b < 0 && a < min - b)) chainrule_constant_arithmetic_overflows_long_long();
    return a + b;
}

constexpr long long mul_ll(long long a, long long b) {
    if (a == 0 || b == 0) return 0;
    constexpr long long max = 9223372036854775807LL;
    long long ua = abs_ll(a), ub = abs_ll(b);
    if (ua > max / ub) chainrule_constant_arithmetic_overflows_long_long();
    return a * b;
}

constexpr rational make_rational(long long p, long long q) {
    if (q == 0) chainrule_division_by_the_constant_zero();
    if (q < 0) {
        p = mul_ll(p, -1);
        q = mul_ll(q, -1);
    }
    long long g = gcd_ll(p, q);
    if (g == 0) return {0, 1};
    return {p / g, q / g};
}

constexpr rational rational_add(rational a, rational b) {
    long long g = gcd_ll(a.den, b.den);
    long long den = mul_ll(a.den / g, b.den);
    long long num = add_ll(mul_ll(a.num, b.den / g), mul_ll(b.num, a.den / g));
    return make_rational(num, den);
}

constexpr rational rational_mul(rational a, rational b) {
    // Cross-reduce first so intermediate products stay as small as possible.
    long long g1 = gcd_ll(a.num, b.den), g2 = gcd_ll(b.num, a.den);
    if (g1 == 0) g1 = 1;
    if (g2 == 0) g2 = 1;
    return make_rational(mul_ll(a.num / g1, b.num / g2), mul_ll(a.den / g2, b.den / g1));
}

constexpr rational rational_pow(rational a, long long n) {
    if (n < 0) {
        if (a.num == 0) chainrule_division_by_the_constant_zero();
        return rational_pow(make_rational(a.den, a.num), mul_ll(n, -1));
    }
    rational r{1, 1};
    for (; n > 0; n /= 2) {  // by squaring: Int<-1>^N must not loop N times
        if (n % 2 == 1) r = rational_mul(r, a);
        if (n > 1) a = rational_mul(a, a);
    }
    return r;
}

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
