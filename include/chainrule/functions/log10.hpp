#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/log.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct log10_fn;

/// The base-10 logarithm of A.
template <Expression A>
using Log10 = detail::apply_t<log10_fn, A>;

/// The function log10: d/dx log10(u) = u' / (u ln 10). Below 0, as Log.
struct log10_fn {
    static constexpr const char* name = "log10";
    static constexpr const char* latex = "\\log_{10}";

    template <class U>
    using derivative = Pow<Mul<U, Log<Int<10>>>, Int<-1>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::log10(u);
        } else {
            using std::log10;  // a user scalar's log10 is found by argument-dependent lookup
            return log10(u);
        }
    }
};

namespace detail {
// The exact logarithm of a power of 10: log_10(10^n) = n, log_10(10^-n) = -n.
constexpr long long log10_fn_exponent(long long n) {
    long long e = 0;
    while (n % 10 == 0) {
        n /= 10;
        ++e;
    }
    return n == 1 ? e : -1;
}
template <long long N>
    requires(N > 1 && log10_fn_exponent(N) > 0)
struct apply<log10_fn, Int<N>> {
    using type = Int<log10_fn_exponent(N)>;
};
template <long long Q>
    requires(log10_fn_exponent(Q) > 0)
struct apply<log10_fn, Ratio<1, Q>> {
    using type = Int<-log10_fn_exponent(Q)>;
};
template <>
struct apply<log10_fn, Int<1>> {
    using type = Int<0>;
};
// A domain error known when the type is formed is reported then, naming the
// function (as during constant evaluation, where it would be one anyway).
template <Constant C>
    requires(C::numerator < 0)
struct apply<log10_fn, C> {
    static_assert(!(C::numerator < 0),
                  "chainrule::Log10<A>: A is a negative constant, and the logarithm of a negative number is undefined");
    using type = Call<log10_fn, C>;
};
}  // namespace detail

/// log10 a, as Log10<A>.
template <Expression A>
constexpr Log10<A> log10(A) {
    return {};
}

}  // namespace chainrule
