#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/detail/names.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/step.hpp"
#include "chainrule/math.hpp"

#include <concepts>
#include <cstddef>

namespace chainrule {

namespace detail {
// "P/Q" spelled from the digits of P and Q: the key that orders functions of
// one name told apart by an exact constant (leaky relus of different slopes).
template <long long P, long long Q>
struct rational_key {
    static constexpr std::size_t digits(long long n) {
        std::size_t d = 1;
        for (unsigned long long m = magnitude_of(n); m >= 10; m /= 10) ++d;
        return d + (n < 0 ? 1 : 0);
    }
    static constexpr std::size_t size = digits(P) + 1 + digits(Q);
    struct chars {
        char c[size + 1]{};
    };
    static constexpr chars make() {
        chars out{};
        std::size_t i = 0;
        auto put = [&](long long n) {
            if (n < 0) out.c[i++] = '-';
            i += write_decimal(magnitude_of(n), out.c + i);
        };
        put(P);
        out.c[i++] = '/';
        put(Q);
        return out;
    }
    static constexpr chars value = make();
};
}  // namespace detail

template <Constant Slope>
struct leaky_relu_fn;

/// The leaky rectified linear unit of A: A for A > 0, Slope A otherwise; Slope
/// is an exact constant, 1/100 by default as in PyTorch.
template <Expression A, Constant Slope = Rational<1, 100>>
using LeakyRelu = detail::apply_t<leaky_relu_fn<Slope>, A>;

/// The function leaky_relu: d/dx leaky_relu(u) = (slope + (1 - slope) step(u)) u'. At u = 0 the rule
/// gives slope + (1 - slope) step(0): the slope by default, as PyTorch does (kinks.hpp).
template <Constant Slope>
struct leaky_relu_fn {
    static constexpr const char* name = "leaky_relu";
    /// Leaky relus of different slopes are different functions with one name.
    static constexpr const char* key = detail::rational_key<Slope::numerator, Slope::denominator>::value.c;
    using slope = Slope;

    template <class U>
    using derivative = Add<Slope, Mul<Sub<Int<1>, Slope>, Step<U>>>;

    template <class T>
    static constexpr T eval(T u) {
        // NaN fails the test and comes back times the slope, still NaN.
        if (u > T(0)) return u;
        if constexpr (std::floating_point<T>) {
            if (math::isnan(u)) return u;  // (NaN * slope is refused in constant evaluation)
        }
        if constexpr (Slope::denominator == 1) return T(u * T(Slope::numerator));
        else return T(u * T(T(Slope::numerator) / T(Slope::denominator)));
    }
};

namespace detail {
template <Constant C, Constant Slope>
struct apply<leaky_relu_fn<Slope>, C> {
    using type = if_t<(C::numerator > 0), C, multiply_t<Slope, C>>;
};
}  // namespace detail

/// leaky_relu(a) with the slope 1/100, as LeakyRelu<A>.
template <Expression A>
constexpr LeakyRelu<A> leaky_relu(A) {
    return {};
}
/// leaky_relu(a) with the slope Slope, as LeakyRelu<A, Slope>: leaky_relu<Rational<1, 5>>(x).
template <Constant Slope, Expression A>
constexpr LeakyRelu<A, Slope> leaky_relu(A) {
    return {};
}

}  // namespace chainrule
