#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/heaviside.hpp"
#include "chainrule/functions/kinks.hpp"

namespace chainrule {

struct max_fn;

namespace detail {
// A symmetric function of two arguments (max, min, hypot) has them sorted, so
// that Max<X, Y> and Max<Y, X> are one type.
template <class Fn, class A, class B>
using sorted_call = if_t<(compare_v<A, B> <= 0), Call<Fn, A, B>, Call<Fn, B, A>>;
}  // namespace detail

/// The larger of A and B (NaN if either is NaN, as torch.maximum). Max<A, B>
/// is Max<B, A>, and Max<A, A> is A.
template <Expression A, Expression B>
using Max = detail::apply_t<max_fn, A, B>;

/// The function max: d max(u, w) = H(u - w) du + H(w - u) dw, H the Heaviside
/// step. On a tie (u = w) each partial is the kink policy's share: 1/2 by
/// default, as torch.maximum splits the gradient evenly (kinks.hpp).
struct max_fn {
    static constexpr const char* name = "max";
    static constexpr const char* latex = "\\max";

    template <class U, class W>
    using derivative = Partials<Heaviside<Sub<U, W>, detail::constant_t<kink_policy::max_tie_first>>,
                                Heaviside<Sub<W, U>, detail::constant_t<kink_policy::max_tie_second>>>;

    template <class T>
    static constexpr T eval(T u, T w) {
        if (!(u == u)) return u;
        if (!(w == w)) return w;
        return u < w ? w : u;
    }
};

namespace detail {
template <class A, class B>
struct apply<max_fn, A, B> {
    using type = sorted_call<max_fn, A, B>;
};
template <class A>
struct apply<max_fn, A, A> {
    using type = A;
};
template <Constant A, Constant B>
struct apply<max_fn, A, B> {
    using type = if_t<(rational_compare(value_of<A>, value_of<B>) < 0), B, A>;
};
template <Constant A>
struct apply<max_fn, A, A> {
    using type = A;
};
}  // namespace detail

/// max(a, b), as Max<A, B>.
template <Expression A, Expression B>
constexpr Max<A, B> max(A, B) {
    return {};
}

}  // namespace chainrule
