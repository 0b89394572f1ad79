#pragma once

#include "chainrule/expression.hpp"

#include <cstddef>

// Exact constants in the value syntax:
//
//   using namespace chainrule::literals;
//   constexpr auto f = 3_c * x + 0.8_c;     // Add<Mul<Int<3>, X>, Rational<4, 5>>
//
// The literal is read digit by digit at compile time, so 0.8_c is exactly
// 4/5 (not the double nearest 0.8) and 2.5e-3_c is 1/400. A literal whose
// exact value does not fit a long long numerator and denominator does not
// compile.
namespace chainrule {

namespace detail {

struct literal_value {
    bool valid = true;  // decimal digits, '.', an exponent, separators
    bool fits = true;   // numerator and denominator fit in long long
    long long num = 0, den = 1;
};

constexpr bool multiply_fits(unsigned long long& x, unsigned long long by) {
    if (x != 0 && by > static_cast<unsigned long long>(-1) / x) return false;
    x *= by;
    return true;
}

// Reads a decimal literal: digits with ' separators, an optional fraction,
// an optional exponent e[+-]digits.
constexpr literal_value parse_literal(const char* s, std::size_t n) {
    literal_value r;
    unsigned long long mantissa = 0;
    long long exponent = 0;  // value = mantissa * 10^exponent
    std::size_t i = 0;
    bool digits = false, point = false;
    if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X' || s[1] == 'b' || s[1] == 'B')) {
        r.valid = false;
        return r;
    }
    for (; i < n; ++i) {
        const char c = s[i];
        if (c == '\'') continue;
        if (c == '.') {
            if (point) r.valid = false;
            point = true;
            continue;
        }
        if (c < '0' || c > '9') break;
        digits = true;
        if (!multiply_fits(mantissa, 10) || mantissa + static_cast<unsigned>(c - '0') < mantissa) {
            r.fits = false;
            return r;
        }
        mantissa += static_cast<unsigned>(c - '0');
        if (point) --exponent;
    }
    if (i < n) {
        if (s[i] != 'e' && s[i] != 'E') {
            r.valid = false;
            return r;
        }
        ++i;
        bool negative = false;
        if (i < n && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
        long long e = 0;
        bool any = false;
        for (; i < n; ++i) {
            if (s[i] == '\'') continue;
            if (s[i] < '0' || s[i] > '9' || e > 100000) {
                r.valid = false;
                return r;
            }
            e = 10 * e + (s[i] - '0');
            any = true;
        }
        if (!any) r.valid = false;
        exponent += negative ? -e : e;
    }
    if (!digits || !r.valid) {
        r.valid = false;
        return r;
    }
    if (mantissa == 0) return r;
    // Trailing zeros of the mantissa move into the exponent; then the
    // factors 2 and 5 of the mantissa cancel those of the denominator 10^k.
    while (mantissa % 10 == 0) mantissa /= 10, ++exponent;
    unsigned long long num = mantissa, den = 1;
    if (exponent >= 0) {
        for (long long k = 0; k < exponent; ++k)
            if (!multiply_fits(num, 10)) {
                r.fits = false;
                return r;
            }
    } else {
        long long twos = -exponent, fives = -exponent;
        while (twos > 0 && num % 2 == 0) num /= 2, --twos;
        while (fives > 0 && num % 5 == 0) num /= 5, --fives;
        for (long long k = 0; k < twos; ++k)
            if (!multiply_fits(den, 2)) {
                r.fits = false;
                return r;
            }
        for (long long k = 0; k < fives; ++k)
            if (!multiply_fits(den, 5)) {
                r.fits = false;
                return r;
            }
    }
    constexpr unsigned long long limit = static_cast<unsigned long long>(static_cast<long long>(~0ULL >> 1));
    if (num > limit || den > limit) {
        r.fits = false;
        return r;
    }
    r.num = static_cast<long long>(num);
    r.den = static_cast<long long>(den);
    return r;
}

template <char... Cs>
struct literal_constant {
    static constexpr char text[] = {Cs..., '\0'};
    static constexpr literal_value v = parse_literal(text, sizeof...(Cs));
    static_assert(v.valid, "chainrule::operator\"\"_c: write a decimal number, such as 3_c, 0.8_c or 2.5e-3_c");
    static_assert(!v.valid || v.fits,
                  "chainrule::operator\"\"_c: the literal's exact value does not fit in a fraction of two long longs");
    using type = Rational<(v.valid && v.fits) ? v.num : 0, (v.valid && v.fits) ? v.den : 1>;
};

}  // namespace detail

namespace literals {

/// An exact constant from a decimal literal: 3_c is Int<3>, 0.8_c is
/// Rational<4, 5>, 2.5e-3_c is Rational<1, 400>.
template <char... Cs>
constexpr typename detail::literal_constant<Cs...>::type operator""_c() {
    return {};
}

}  // namespace literals
}  // namespace chainrule
