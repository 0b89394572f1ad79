#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct cbrt_fn;

/// The cube root of A (real, for every A).
template <Expression A>
using Cbrt = detail::apply_t<cbrt_fn, A>;

/// The function cbrt: d/dx cbrt(u) = u' / (3 cbrt(u)^2); +inf at 0.
struct cbrt_fn {
    static constexpr const char* name = "cbrt";

    template <class U>
    using derivative = Mul<Rational<1, 3>, Pow<Cbrt<U>, Int<-2>>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::cbrt(u);
        } else {
            using std::cbrt;  // a user scalar's cbrt is found by argument-dependent lookup
            return cbrt(u);
        }
    }
};

namespace detail {
// The exact cube root of a constant whose numerator and denominator are cubes.
constexpr long long exact_cube_root(long long n) {
    const bool negative = n < 0;
    const long long m = negative ? -n : n;
    long long r = 0;
    while ((r + 1) <= 2097151 && (r + 1) * (r + 1) * (r + 1) <= m) ++r;
    if (r * r * r != m) return -1;
    return negative ? -r : r;
}
constexpr bool is_cube(long long n) { return n == 0 || exact_cube_root(n) != -1 || n == -1; }
template <Constant C>
    requires(C::numerator >= -1000000 && C::numerator <= 1000000 && C::denominator <= 1000000 &&
             is_cube(C::numerator) && is_cube(C::denominator))
struct apply<cbrt_fn, C> {
    using type = constant_t<make_rational(exact_cube_root(C::numerator), exact_cube_root(C::denominator))>;
};
}  // namespace detail

/// cbrt a, as Cbrt<A>.
template <Expression A>
constexpr Cbrt<A> cbrt(A) {
    return {};
}

}  // namespace chainrule
