#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/functions/heaviside.hpp"
#include "chainrule/functions/kinks.hpp"
#include "chainrule/functions/max.hpp"

namespace chainrule {

struct min_fn;

/// The smaller of A and B (NaN if either is NaN, as torch.minimum). Min<A, B>
/// is Min<B, A>, and Min<A, A> is A.
template <Expression A, Expression B>
using Min = detail::apply_t<min_fn, A, B>;

/// The function min: d min(u, w) = H(w - u) du + H(u - w) dw, H the Heaviside
/// step. On a tie (u = w) each partial is the kink policy's share: 1/2 by
/// default, as torch.minimum splits the gradient evenly (kinks.hpp).
struct min_fn {
    static constexpr const char* name = "min";
    static constexpr const char* latex = "\\min";

    template <class U, class W>
    using derivative = Partials<Heaviside<Sub<W, U>, detail::constant_t<kink_policy::min_tie_first>>,
                                Heaviside<Sub<U, W>, detail::constant_t<kink_policy::min_tie_second>>>;

    template <class T>
    static constexpr T eval(T u, T w) {
        if (!(u == u)) return u;
        if (!(w == w)) return w;
        return w < u ? w : u;
    }
};

namespace detail {
template <class A, class B>
struct apply<min_fn, A, B> {
    using type = sorted_call<min_fn, A, B>;
};
template <class A>
struct apply<min_fn, A, A> {
    using type = A;
};
template <Constant A, Constant B>
struct apply<min_fn, A, B> {
    using type = if_t<(rational_compare(value_of<A>, value_of<B>) > 0), B, A>;
};
template <Constant A>
struct apply<min_fn, A, A> {
    using type = A;
};
}  // namespace detail

/// min(a, b), as Min<A, B>.
template <Expression A, Expression B>
constexpr Min<A, B> min(A, B) {
    return {};
}

}  // namespace chainrule
