#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/math.hpp"

#include <cmath>
#include <concepts>

namespace chainrule {

struct log_fn;

/// The natural logarithm of A.
template <Expression A>
using Log = detail::apply_t<log_fn, A>;

/// The function log: d/dx ln(u) = u'/u. Log of a negative number is NaN at run time (as std::log) and a
/// compile error during constant evaluation; Log at 0 is -inf.
struct log_fn {
    static constexpr const char* name = "log";
    static constexpr const char* latex = "\\ln";
    static constexpr const char* cpp = "std::log";

    template <class U>
    using derivative = Pow<U, Int<-1>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::log(u);
        } else {
            using std::log;  // a user scalar's log is found by argument-dependent lookup
            return log(u);
        }
    }
};

namespace detail {
template <>
struct apply<log_fn, Int<1>> {
    using type = Int<0>;
};
// A domain error known when the type is formed is reported then, naming the
// function (as during constant evaluation, where it would be one anyway).
template <Constant C>
    requires(C::numerator < 0)
struct apply<log_fn, C> {
    static_assert(!(C::numerator < 0),
                  "chainrule::Log<A>: A is a negative constant, and the logarithm of a negative number is undefined");
    using type = Call<log_fn, C>;
};

// ln b in the derivative of b^e (derivative.hpp, and reverse mode's partials
// of a power, detail/graph.hpp). For a negative constant base the node is
// formed as it stands, not through Log<B> (which reports ln of a negative
// constant when the type is formed): (-2)^e has a derivative by x of 0 when
// e does not depend on x, and of NaN at run time when it does.
template <class B>
struct log_of_base {
    using type = Log<B>;
};
template <Constant B>
    requires(B::numerator < 0)
struct log_of_base<B> {
    using type = Call<log_fn, B>;
};
}  // namespace detail

/// ln a, as Log<A>.
template <Expression A>
constexpr Log<A> log(A) {
    return {};
}

}  // namespace chainrule

// ln sigmoid(u) is LogSigmoid<U> (log_sigmoid.hpp), wherever Log is known.
#include "chainrule/functions/log_sigmoid.hpp"
