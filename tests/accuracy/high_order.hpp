#pragma once

// The accuracy of high-order derivatives: the n-th derivative (n <= 20) of a
// function, by chainrule's D and by Boost.Math's forward-mode fvar, against
// mpmath references (high_order_reference.hpp) at x = -40, ..., 40.
//
// The error at a point is |value - reference| / max(|reference|, floor),
// where floor is 1e-3 of the largest |reference| on the grid for that order:
// relative where the value is not small, absolute near its zeros.

#include "high_order_reference.hpp"

#include <chainrule.hpp>

#include <boost/math/differentiation/autodiff.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <utility>

namespace high_order {

inline constexpr int max_order = high_order_reference::max_order;
inline constexpr std::size_t n_points = high_order_reference::points.size();

using table = std::array<std::array<double, n_points>, max_order + 1>;

/// Worst errors of one library for one order: over the whole grid, and over
/// x in [-8, 8]; whether any value had the wrong sign or was not finite
/// where the reference is above the floor.
struct errors {
    double all = 0;
    double inner = 0;
    bool wrong_sign = false;
};

inline double floor_of(const table& ref, int n) {
    double m = 0;
    for (double v : ref[n]) m = std::max(m, std::fabs(v));
    return 1e-3 * m;
}

inline errors measure(const table& ref, int n, const std::array<double, n_points>& values) {
    errors e;
    const double floor = floor_of(ref, n);
    for (std::size_t i = 0; i < n_points; ++i) {
        const double r = ref[n][i];
        const double v = values[i];
        const double err = std::isfinite(v) ? std::fabs(v - r) / std::max(std::fabs(r), floor) : INFINITY;
        e.all = std::max(e.all, err);
        if (std::fabs(high_order_reference::points[i]) <= 8) e.inner = std::max(e.inner, err);
        if (std::fabs(r) > floor && !(v * r > 0)) e.wrong_sign = true;
    }
    return e;
}

/// chainrule: eval<D<E, X, N>> at every point, one function per order
/// (inlined into one, the orders of x sigma(x) make g++'s optimiser run out
/// of memory).
template <class E, std::size_t N>
[[gnu::noinline]] void order_values(std::array<double, n_points>& row) {
    for (std::size_t i = 0; i < n_points; ++i)
        row[i] = chainrule::eval<chainrule::D<E, chainrule::X, N>>(high_order_reference::points[i]);
}

/// chainrule: eval<D<E, X, n>> at every point, for n = 0..Max.
template <class E, int Max>
table chainrule_values() {
    table t{};
    [&]<std::size_t... N>(std::index_sequence<N...>) { (..., order_values<E, N>(t[N])); }
    (std::make_index_sequence<Max + 1>{});
    return t;
}

/// Boost.Math: f applied to an fvar of order 20, derivative(n) for each n.
template <class F>
table boost_values(F f) {
    table t{};
    for (std::size_t i = 0; i < n_points; ++i) {
        auto x = boost::math::differentiation::make_fvar<double, max_order>(high_order_reference::points[i]);
        auto y = f(x);
        for (int n = 0; n <= max_order; ++n) t[n][i] = static_cast<double>(y.derivative(n));
    }
    return t;
}

// The functions, as Boost's fvar computes them (the forms its users write).
struct boost_sigmoid {
    template <class V>
    V operator()(const V& x) const {
        using std::exp;
        return 1 / (1 + exp(-x));
    }
};
struct boost_tanh {
    template <class V>
    V operator()(const V& x) const {
        using std::tanh;
        return tanh(x);
    }
};
struct boost_silu {
    template <class V>
    V operator()(const V& x) const {
        using std::exp;
        return x / (1 + exp(-x));
    }
};
struct boost_softplus {
    template <class V>
    V operator()(const V& x) const {
        using std::exp;
        using std::log;
        return log(1 + exp(x));
    }
};
struct boost_log_sigmoid {
    template <class V>
    V operator()(const V& x) const {
        using std::exp;
        using std::log;
        return -log(1 + exp(-x));
    }
};

}  // namespace high_order

#ifdef BOOST_TEST_MODULE
namespace high_order {

/// Checks E's derivatives of orders 0..20 on the grid, prints the table
/// rows (order, chainrule's worst error, Boost's, and on [-8, 8]).
///  - never a wrong sign or a non-finite value where the reference is above
///    the floor;
///  - never less accurate than Boost's fvar on the grid (below 1e-14, both
///    are at the level of rounding, and that is not told apart);
///  - to order 10, within 1e-13 on [-8, 8] wherever Boost is.
/// Orders above Max are not compiled (the symbolic form's compile cost,
/// see docs/accuracy.md).
template <class E, int Max, class F>
void check(const char* name, const table& ref, F f) {
    const table ours = chainrule_values<E, Max>();
    const table theirs = boost_values(f);
    for (int n = 0; n <= Max; ++n) {
        const errors a = measure(ref, n, ours[n]);
        const errors b = measure(ref, n, theirs[n]);
        std::printf("| %s | %d | %.1e | %.1e | %.1e | %.1e |\n", name, n, a.all, b.all, a.inner, b.inner);
        BOOST_TEST_CONTEXT(name << ", order " << n) {
            BOOST_TEST(!a.wrong_sign);
            BOOST_TEST(a.all <= std::max(b.all, 1e-14));
            if (n <= 10 && b.inner <= 1e-13) BOOST_TEST(a.inner <= 1e-13);
        }
    }
}

}  // namespace high_order
#endif
