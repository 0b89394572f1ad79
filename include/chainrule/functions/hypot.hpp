#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/max.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct hypot_fn;

/// sqrt(A^2 + B^2), computed without undue overflow or underflow. Hypot<A, B>
/// is Hypot<B, A>.
template <Expression A, Expression B>
using Hypot = detail::apply_t<hypot_fn, A, B>;

/// The function hypot: d hypot(u, w) = (u du + w dw) / hypot(u, w). At (0, 0),
/// where it has no derivative, the partials are 0/0 = NaN, as PyTorch's.
struct hypot_fn {
    static constexpr const char* name = "hypot";

    template <class U, class W>
    using derivative = Partials<Div<U, Hypot<U, W>>, Div<W, Hypot<U, W>>>;

    template <class T>
    static constexpr T eval(T u, T w) {
        if constexpr (std::floating_point<T>) {
            return math::hypot(u, w);
        } else {
            using std::sqrt;
            return sqrt(u * u + w * w);
        }
    }
};

namespace detail {
// The integer square root of n >= 0, or -1 when n is not a square.
constexpr long long exact_square_root(long long n) {
    if (n < 0) return -1;
    long long lo = 0, hi = 3037000499LL;  // floor(sqrt(2^63 - 1))
    while (lo < hi) {
        const long long mid = lo + (hi - lo + 1) / 2;
        if (mid <= n / mid) lo = mid;
        else hi = mid - 1;
    }
    return lo * lo == n ? lo : -1;
}
// hypot of exact constants where the result is exact: hypot(3, 4) = 5 (for
// numerators and denominators below 2^15, so that a^2 d^2 + c^2 b^2 cannot
// overflow).
template <class C>
inline constexpr bool small_constant = (C::numerator > -32768) && (C::numerator < 32768) && (C::denominator < 32768);
template <class C>
concept small_constant_c = Constant<C> && small_constant<C>;
template <class A, class B>
struct hypot_of_constants {
    using type = sorted_call<hypot_fn, A, B>;
};
template <small_constant_c A, small_constant_c B>
struct hypot_of_constants<A, B> {
    static constexpr rational square =
        rational_add(rational_mul(value_of<A>, value_of<A>), rational_mul(value_of<B>, value_of<B>));
    static constexpr long long num = exact_square_root(square.num), den = exact_square_root(square.den);
    using type = if_t<(num >= 0 && den > 0), constant_t<make_rational(num < 0 ? 0 : num, den <= 0 ? 1 : den)>,
                      sorted_call<hypot_fn, A, B>>;
};
template <class A, class B>
struct apply<hypot_fn, A, B> {
    using type = sorted_call<hypot_fn, A, B>;
};
template <Constant A, Constant B>
struct apply<hypot_fn, A, B> : hypot_of_constants<A, B> {};
}  // namespace detail

/// hypot(a, b), as Hypot<A, B>.
template <Expression A, Expression B>
constexpr Hypot<A, B> hypot(A, B) {
    return {};
}

}  // namespace chainrule
