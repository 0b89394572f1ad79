#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"

#include <cmath>
#include <concepts>
#include <numbers>

// pi, an exact symbolic constant: a function of no arguments. Its derivative
// is 0, it is never rounded while expressions are built (Sin<Pi> is Int<0>,
// Cos<Pi> is Int<-1>, Asin<Int<1>> is Mul<Rational<1, 2>, Pi>), and it is
// rounded once, correctly, when an expression is evaluated.
namespace chainrule {

/// The tag of pi: a named constant, a function of no arguments.
struct pi_fn {
    static constexpr const char* name = "pi";
    static constexpr const char* latex = "\\pi";

    /// pi correctly rounded to T (std::numbers::pi_v) for the floating-point
    /// types; for a user scalar, acos(-1) found by argument-dependent lookup.
    template <class T>
    static constexpr T eval() {
        if constexpr (std::floating_point<T>) {
            return std::numbers::pi_v<T>;
        } else {
            using std::acos;
            return acos(T(-1));
        }
    }
};

/// The number pi, exactly: Mul<Pi, X> is pi x, Sin<Pi> is Int<0>.
using Pi = detail::apply_t<pi_fn>;

/// pi as a value, for the value-level syntax: sin(pi * x).
inline constexpr Pi pi{};

namespace detail {
// The rational r of an expression r pi (Pi itself, or a product of an exact
// constant and Pi), for folding sin, cos and tan at multiples of pi.
template <class A>
struct pi_multiple {
    static constexpr bool value = false;
};
template <>
struct pi_multiple<Pi> {
    static constexpr bool value = true;
    static constexpr rational r{1, 1};
};
template <class C>
    requires Constant<C>
struct pi_multiple<Product<C, Pi>> {
    static constexpr bool value = true;
    static constexpr rational r = value_of<C>;
};

// An exact value, when there is one.
struct exact_value {
    bool exact = false;
    rational value{0, 1};
};

// r mod m for rational r and integer m > 0, in [0, m).
constexpr rational rational_mod(rational r, long long m) {
    const long long period = r.den * m;  // r = num/den, reduced modulo m = period/den
    long long n = r.num % period;
    if (n < 0) n += period;
    return make_rational(n, r.den);
}

// sin(r pi) where it is rational: 0, +-1/2, +-1.
constexpr exact_value sin_of_pi_multiple(rational r) {
    const rational m = rational_mod(r, 2);  // in [0, 2)
    const long long n = m.num, d = m.den;
    if (n == 0 || (n == 1 && d == 1)) return {true, {0, 1}};
    if (d == 2) return {true, {n == 1 ? 1 : -1, 1}};
    if (d == 6) {
        if (n == 1 || n == 5) return {true, {1, 2}};
        if (n == 7 || n == 11) return {true, {-1, 2}};
    }
    return {};
}
// tan(r pi) where it is rational: 0, +-1 (tan(pi/2) is a pole: not folded).
constexpr exact_value tan_of_pi_multiple(rational r) {
    const rational m = rational_mod(r, 1);  // in [0, 1)
    if (m.num == 0) return {true, {0, 1}};
    if (m.den == 4) return {true, {m.num == 1 ? 1 : -1, 1}};
    return {};
}
}  // namespace detail

}  // namespace chainrule
