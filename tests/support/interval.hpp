#pragma once

// A minimal interval [lo, hi] of doubles, enough to evaluate chainrule's
// expressions and gradients and show that the true value lies inside.
//
// Arithmetic rounds to nearest and then widens each bound by one ulp
// outwards; exp, log, sqrt and tanh widen by two ulp (glibc's are accurate to
// better than one ulp). Limits, which the tests stay within:
//   - division by an interval that contains 0 gives [-inf, inf];
//   - log and sqrt assume lo > 0 and lo >= 0;
//   - sin, cos and tan are not provided (a correct enclosure needs range
//     reduction), nor pow with an interval exponent;
//   - comparisons are "certainly": a > b means a.lo > b.hi. relu of an
//     interval that straddles 0 returns the interval itself, which still
//     encloses relu's values; step and sign of such an interval do not.

#include <algorithm>
#include <cmath>
#include <concepts>
#include <limits>

namespace interval_arithmetic {

struct interval {
    double lo = 0, hi = 0;

    constexpr interval() = default;
    constexpr interval(long long n) : lo(static_cast<double>(n)), hi(static_cast<double>(n)) {}
    constexpr interval(double l, double h) : lo(l), hi(h) {}
    /// The thinnest interval around the decimal x (its double and the neighbours).
    static interval around(double x) { return {std::nextafter(x, -INFINITY), std::nextafter(x, INFINITY)}; }

    bool contains(long double x) const { return lo <= x && x <= hi; }
    double width() const { return hi - lo; }
};

inline double down(double x, int ulps = 1) {
    while (ulps-- > 0) x = std::nextafter(x, -std::numeric_limits<double>::infinity());
    return x;
}
inline double up(double x, int ulps = 1) {
    while (ulps-- > 0) x = std::nextafter(x, std::numeric_limits<double>::infinity());
    return x;
}

inline interval operator+(interval a, interval b) { return {down(a.lo + b.lo), up(a.hi + b.hi)}; }
inline interval operator-(interval a, interval b) { return {down(a.lo - b.hi), up(a.hi - b.lo)}; }
inline interval operator-(interval a) { return {-a.hi, -a.lo}; }
inline interval operator*(interval a, interval b) {
    const double p[] = {a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi};
    return {down(*std::min_element(p, p + 4)), up(*std::max_element(p, p + 4))};
}
inline interval operator/(interval a, interval b) {
    if (b.lo <= 0 && b.hi >= 0) return {-INFINITY, INFINITY};
    const double q[] = {a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi};
    return {down(*std::min_element(q, q + 4)), up(*std::max_element(q, q + 4))};
}

inline bool operator<(interval a, interval b) { return a.hi < b.lo; }
inline bool operator>(interval a, interval b) { return a.lo > b.hi; }
inline bool operator<=(interval a, interval b) { return a.hi <= b.lo; }
inline bool operator>=(interval a, interval b) { return a.lo >= b.hi; }
inline bool operator==(interval a, interval b) { return a.lo == b.lo && a.hi == b.hi; }

// Monotone increasing functions: the image of the bounds, widened.
inline interval exp(interval a) { return {down(std::exp(a.lo), 2), up(std::exp(a.hi), 2)}; }
inline interval log(interval a) { return {down(std::log(a.lo), 2), up(std::log(a.hi), 2)}; }
inline interval sqrt(interval a) { return {std::max(0.0, down(std::sqrt(a.lo), 2)), up(std::sqrt(a.hi), 2)}; }
inline interval tanh(interval a) { return {down(std::tanh(a.lo), 2), up(std::tanh(a.hi), 2)}; }
inline interval abs(interval a) {
    if (a.lo >= 0) return a;
    if (a.hi <= 0) return -a;
    return {0.0, std::max(-a.lo, a.hi)};
}

}  // namespace interval_arithmetic
