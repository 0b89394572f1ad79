#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/log.hpp"
#include "chainrule/functions/sigmoid.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct log_sigmoid_fn;

/// The logarithm of the sigmoid of A: ln(1 / (1 + e^-A)) = -softplus(-A).
template <Expression A>
using LogSigmoid = detail::apply_t<log_sigmoid_fn, A>;

/// The function log_sigmoid: d/dx ln sigmoid(u) = sigmoid(-u) u'. Computed as u - ln(1 + e^u) for u < 0
/// and -ln(1 + e^-u) otherwise: log_sigmoid(-800) is -800.
struct log_sigmoid_fn {
    static constexpr const char* name = "log_sigmoid";
    static constexpr const char* latex = "\\log\\sigma";

    template <class U>
    using derivative = Sigmoid<Neg<U>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            if (u < T(0)) return u - math::log1p(math::exp(u));
            return -math::log1p(math::exp(-u));
        } else {
            using std::exp;
            using std::log;
            return -log(T(1) + exp(-u));
        }
    }
};

namespace detail {
template <>
struct apply<log_sigmoid_fn, Int<0>> {
    using type = Neg<Log<Int<2>>>;
};
// Log<Sigmoid<A>> is LogSigmoid<A>: one function, whose value and derivative
// sigmoid(-u) stay finite in the left tail, where ln of sigmoid(u) = 0 gives
// -inf and reverse mode's (1 / sigmoid) * sigmoid' gives inf * 0 (issue 12).
// (log.hpp includes this header, so the two spellings are one type wherever
// Log is known.)
template <class A>
struct apply<log_fn, Call<sigmoid_fn, A>> {
    using type = Call<log_sigmoid_fn, A>;
};
}  // namespace detail

/// ln sigmoid(a), as LogSigmoid<A>.
template <Expression A>
constexpr LogSigmoid<A> log_sigmoid(A) {
    return {};
}

}  // namespace chainrule
