#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/log.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct log2_fn;

/// The base-2 logarithm of A.
template <Expression A>
using Log2 = detail::apply_t<log2_fn, A>;

/// The function log2: d/dx log2(u) = u' / (u ln 2). Below 0, as Log.
struct log2_fn {
    static constexpr const char* name = "log2";
    static constexpr const char* latex = "\\log_2";

    template <class U>
    using derivative = Pow<Mul<U, Log<Int<2>>>, Int<-1>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::log2(u);
        } else {
            using std::log2;  // a user scalar's log2 is found by argument-dependent lookup
            return log2(u);
        }
    }
};

namespace detail {
// The exact logarithm of a power of 2: log_2(2^n) = n, log_2(2^-n) = -n.
constexpr long long log2_fn_exponent(long long n) {
    long long e = 0;
    while (n % 2 == 0) {
        n /= 2;
        ++e;
    }
    return n == 1 ? e : -1;
}
template <long long N>
    requires(N > 1 && log2_fn_exponent(N) > 0)
struct apply<log2_fn, Int<N>> {
    using type = Int<log2_fn_exponent(N)>;
};
template <long long Q>
    requires(log2_fn_exponent(Q) > 0)
struct apply<log2_fn, Ratio<1, Q>> {
    using type = Int<-log2_fn_exponent(Q)>;
};
template <>
struct apply<log2_fn, Int<1>> {
    using type = Int<0>;
};
// A domain error known when the type is formed is reported then, naming the
// function (as during constant evaluation, where it would be one anyway).
template <Constant C>
    requires(C::numerator < 0)
struct apply<log2_fn, C> {
    static_assert(!(C::numerator < 0),
                  "chainrule::Log2<A>: A is a negative constant, and the logarithm of a negative number is undefined");
    using type = Call<log2_fn, C>;
};
}  // namespace detail

/// log2 a, as Log2<A>.
template <Expression A>
constexpr Log2<A> log2(A) {
    return {};
}

}  // namespace chainrule
