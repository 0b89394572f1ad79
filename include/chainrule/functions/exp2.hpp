#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/log.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct exp2_fn;

/// 2 raised to A.
template <Expression A>
using Exp2 = detail::apply_t<exp2_fn, A>;

/// The function exp2: d/dx 2^u = ln 2 2^u u'.
struct exp2_fn {
    static constexpr const char* name = "exp2";

    template <class U>
    using derivative = Mul<Log<Int<2>>, Exp2<U>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::exp2(u);
        } else {
            using std::exp2;  // a user scalar's exp2 is found by argument-dependent lookup
            return exp2(u);
        }
    }
};

namespace detail {
// 2^n for an integer n with |n| <= 62.
template <long long N>
    requires(N >= 0 && N <= 62)
struct apply<exp2_fn, Int<N>> {
    using type = Int<(1LL << N)>;
};
template <long long N>
    requires(N < 0 && N >= -62)
struct apply<exp2_fn, Int<N>> {
    using type = Ratio<1, (1LL << -N)>;
};
}  // namespace detail

/// 2^a, as Exp2<A>.
template <Expression A>
constexpr Exp2<A> exp2(A) {
    return {};
}

}  // namespace chainrule
