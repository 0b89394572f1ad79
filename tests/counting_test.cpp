// Evaluation shares work, and a gradient costs a small constant times its
// function: shown by counting every operation with a counting scalar.
//
// With the default -fmath-errno neither GCC nor Clang merges two calls of
// exp on its own, so a count of 1 here is the library's doing; the counting
// scalar makes it visible and independent of the optimiser.
#include <boost/test/unit_test.hpp>

#include <chainrule.hpp>

#include "support/cheap_gradient.hpp"
#include "support/counting_scalar.hpp"
#include "support/two_layer_net.hpp"

#include <cmath>
#include <cstdio>

using namespace chainrule;
using counting::count;
using counting::reset;
using S = counting::scalar;

BOOST_AUTO_TEST_CASE(derivative_of_sigmoid_calls_exp_once) {
    // s(x) (1 - s(x)): s is computed once and used twice.
    const S x(0.3);
    reset();
    S d = eval<D<Sigmoid<X>>>(x);
    BOOST_TEST(count.exp == 1);
    const double s = 1 / (1 + std::exp(-0.3));
    BOOST_TEST(d.v == s * (1 - s), boost::test_tools::tolerance(1e-15));

    // The gradient's local derivative of sigmoid reuses the forward value.
    reset();
    auto g = eval<Gradient<Sigmoid<X>, X>>(x);
    BOOST_TEST(count.exp == 1);
    BOOST_TEST(g[0].v == s * (1 - s), boost::test_tools::tolerance(1e-15));

    // Second derivative: s (1 - s)(1 - 2 s), still one exp.
    reset();
    (void)eval<D<Sigmoid<X>, X, 2>>(x);
    BOOST_TEST(count.exp == 1);
}

// f = sin(xy) + cos(xy) exp(xy). Counted by hand from the algorithm:
//   forward:  xy, sin, cos, exp -- not cos*exp nor the sum, which the
//             backward sweep never reads; local derivatives: sin' = cos and
//             exp' = exp are the forward values, cos' = -sin costs one
//             negation                                  1 *, 1 neg, 3 fns
//   backward: the terms of the sum have the sum's adjoint, 1, so nothing is
//             multiplied by it: cos*exp gives exp to cos and cos to exp
//             (0 *), sin passes cos(xy) to xy (0 *), exp and cos pass
//             adjoint * f'(xy) (2 *; 2 + to accumulate), xy -> x, y (2 *)
//                                                        4 *, 2 +
// Each subterm once: one more call of anything means one was recomputed.
BOOST_AUTO_TEST_CASE(gradient_never_recomputes_a_subterm) {
    using XY = Mul<X, Y>;
    using F = Add<Sin<XY>, Mul<Cos<XY>, Exp<XY>>>;
    const S x(0.7), y(-1.3);
    reset();
    auto g = eval<Gradient<F, X, Y>>(at<X>(x), at<Y>(y));
    count.print("gradient of sin(xy) + cos(xy)e^xy");
    BOOST_TEST(count.sin == 1);
    BOOST_TEST(count.cos == 1);
    BOOST_TEST(count.exp == 1);
    BOOST_TEST(count.mul == 5);
    BOOST_TEST(count.add == 2);
    BOOST_TEST(count.neg == 1);
    BOOST_TEST(count.div == 0);
    const double u = 0.7 * -1.3;
    const double df_du = std::cos(u) - std::sin(u) * std::exp(u) + std::cos(u) * std::exp(u);
    BOOST_TEST(g[0].v == df_du * -1.3, boost::test_tools::tolerance(1e-14));
    BOOST_TEST(g[1].v == df_du * 0.7, boost::test_tools::tolerance(1e-14));

    // The value and the gradient in one sweep: the gradient's work plus
    // cos*exp and the sum (1 *, 1 +), nothing computed twice.
    reset();
    const auto vg = eval<ValueAndGradient<F, X, Y>>(at<X>(x), at<Y>(y));
    BOOST_TEST(count.sin == 1);
    BOOST_TEST(count.cos == 1);
    BOOST_TEST(count.exp == 1);
    BOOST_TEST(count.mul == 6);
    BOOST_TEST(count.add == 3);
    BOOST_TEST(count.neg == 1);
    BOOST_TEST(vg.value.v == std::sin(u) + std::cos(u) * std::exp(u), boost::test_tools::tolerance(1e-15));
    BOOST_TEST(vg.gradient[0].v == g[0].v);
    BOOST_TEST(vg.gradient[1].v == g[1].v);

    // The same function evaluated alone: the forward part of the above.
    reset();
    (void)eval<F>(at<X>(x), at<Y>(y));
    BOOST_TEST(count.operations() == 6);
}

// A Jacobian shares one forward sweep among its rows: sin x is computed once
// for both functions, and its local derivative cos x once.
BOOST_AUTO_TEST_CASE(jacobian_rows_share_the_forward_sweep) {
    using J = Jacobian<Functions<Mul<Sin<X>, Y>, Add<Sin<X>, Y>>, X, Y>;
    const S x(0.5), y(2.0);
    reset();
    auto j = eval<J>(at<X>(x), at<Y>(y));
    BOOST_TEST(count.sin == 1);
    BOOST_TEST(count.cos == 1);
    BOOST_TEST(j[0][0].v == std::cos(0.5) * 2.0);
    BOOST_TEST(j[0][1].v == std::sin(0.5));
    BOOST_TEST(j[1][0].v == std::cos(0.5));
    BOOST_TEST(j[1][1].v == 1.0);
}

// The Hessian of sin(x) sin(y) is {{-sin x sin y, cos x cos y}, {cos x cos y,
// -sin x sin y}}: its upper triangle is evaluated once, in one sweep, so sin
// and cos are each called once per variable and each entry costs one product.
BOOST_AUTO_TEST_CASE(hessian_evaluates_each_mixed_partial_once) {
    using F = Mul<Sin<X>, Sin<Y>>;
    const S x(0.4), y(1.1);
    reset();
    auto h = eval<Hessian<F, X, Y>>(at<X>(x), at<Y>(y));
    BOOST_TEST(count.sin == 2);
    BOOST_TEST(count.cos == 2);
    BOOST_TEST(count.mul == 2);  // sin x sin y and cos x cos y, once each
    BOOST_TEST(count.neg == 1);
    BOOST_TEST(h[0][1].v == h[1][0].v);
    BOOST_TEST(h[0][1].v == std::cos(0.4) * std::cos(1.1), boost::test_tools::tolerance(1e-15));
    BOOST_TEST(h[0][0].v == -std::sin(0.4) * std::sin(1.1), boost::test_tools::tolerance(1e-15));
    BOOST_TEST(h[1][1].v == h[0][0].v);
}

// The logistic map l_(k+1) = r l_k (1 - l_k): its canonical form is the flat
// product l_n = r^n x (1 - x) (1 - l_1) ... (1 - l_(n-1)), whose n + 1
// factors a plain evaluation would multiply again at every level, O(n^2).
// The evaluator computes each l_k from l_(k-1), the product it contains:
// a constant number of operations per level, like the loop one would write.
// Its derivative D<l_n> is a sum of n + 1 products (the product rule on the
// flattened product), n of which are r (1 - l_(n-1)) times the terms of
// D<l_(n-1)>: the evaluator computes it from D<l_(n-1)> (sum_sharing,
// detail/graph.hpp), so it too costs a few operations per level.
template <int K>
struct logistic {
    using prev = typename logistic<K - 1>::type;
    using type = Mul<Var<'r'>, Mul<prev, Sub<Int<1>, prev>>>;
};
template <>
struct logistic<0> {
    using type = X;
};
enum class logistic_sweep { value, derivative, gradient };
template <int N>
counting::counters logistic_counts(logistic_sweep sweep) {
    using L = typename logistic<N>::type;
    const auto p = point(at<X>(S(0.3)), at<Var<'r'>>(S(3.7)));
    double l = 0.3, d = 1;
    for (int k = 0; k < N; ++k) {
        d = 3.7 * d * (1 - 2 * l);
        l = 3.7 * l * (1 - l);
    }
    reset();
    if (sweep == logistic_sweep::gradient) {
        const auto g = eval<Gradient<L, X>>(p);
        BOOST_TEST(g[0].v == d, boost::test_tools::tolerance(1e-11));
    } else if (sweep == logistic_sweep::derivative) {
        const S v = eval<D<L, X>>(p);
        BOOST_TEST(v.v == d, boost::test_tools::tolerance(1e-11));
    } else {
        const S v = eval<L>(p);
        BOOST_TEST(v.v == l, boost::test_tools::tolerance(1e-12));
    }
    return count;
}
BOOST_AUTO_TEST_CASE(nested_products_are_computed_from_the_products_they_contain) {
    for (logistic_sweep sweep : {logistic_sweep::value, logistic_sweep::derivative, logistic_sweep::gradient}) {
        const counting::counters c6 = logistic_counts<6>(sweep), c12 = logistic_counts<12>(sweep);
        const char* what = sweep == logistic_sweep::value        ? "value"
                           : sweep == logistic_sweep::derivative ? "D"
                                                                 : "gradient";
        std::printf("logistic map, %s: %lld operations at depth 6, %lld at depth 12\n", what, c6.operations(),
                    c12.operations());
        // linear in the depth: six more levels cost what the first six did
        // (give or take the first level's), not four times as much
        BOOST_TEST(c12.operations() - c6.operations() <= c6.operations() + 2);
        // and a level costs a few operations: r * l * (1 - l) is 2 *, 1 -;
        // its derivative r * d * (1 - 2 l) 3 *, 1 - more
        BOOST_TEST(c12.operations() <= (sweep == logistic_sweep::value ? 5 : 12) * 12);
    }
}

// The Hessian of the logistic map at depth 8 in (x, r): its graphs are the
// largest that sum sharing rewrites in the suite (on Clang the passes need a
// constant evaluation each to stay within its budget of steps). The mixed
// partial is checked against a central difference in r of the hand-written
// derivative loop, the diagonal in x against one in x.
BOOST_AUTO_TEST_CASE(hessian_of_the_logistic_map_at_depth_8) {
    using L = logistic<8>::type;
    using R = Var<'r'>;
    const auto h = eval<Hessian<L, X, R>>(point(at<X>(0.3), at<R>(3.7)));
    const auto d = [](double x, double r) {
        double l = x, dl = 1;
        for (int k = 0; k < 8; ++k) {
            dl = r * dl * (1 - 2 * l);
            l = r * l * (1 - l);
        }
        return dl;
    };
    const double e = 1e-6;
    BOOST_TEST(h[0][1] == (d(0.3, 3.7 + e) - d(0.3, 3.7 - e)) / (2 * e), boost::test_tools::tolerance(1e-6));
    BOOST_TEST(h[0][0] == (d(0.3 + e, 3.7) - d(0.3 - e, 3.7)) / (2 * e), boost::test_tools::tolerance(1e-6));
    BOOST_TEST(h[1][0] == h[0][1]);
}

// For k = 64 (in counting_net64.cpp, a translation unit of its own so that
// the two compile in parallel): the ratio of gradient to loss operations.
double cheap_gradient_ratio_for_64_weights();

// The cheap-gradient principle: the full gradient of the network's loss
// costs at most 3 times the loss itself, and the ratio does not grow with k.
BOOST_AUTO_TEST_CASE(gradient_of_two_layer_net_costs_at_most_3_times_the_loss) {
    using namespace cheap_gradient;
    const double r4 = check_cheap_gradient<two_layer_net::net<2, 2>, check::symbolic_partials>();
    const double r16 = check_cheap_gradient<two_layer_net::net<4, 4>, check::symbolic_partials>();
    const double r64 = cheap_gradient_ratio_for_64_weights();
    // flat in k: the ratio for 64 weights is no larger than for 4 or 16
    BOOST_TEST(r64 <= r4 + 0.05);
    BOOST_TEST(r64 <= r16 + 0.05);
}

// A sum that holds c times every term of another sum S' is computed as c * S'
// plus the rest (sum_sharing, detail/graph.hpp): one product node more in
// eval's graph, the terms it replaces no longer computed. Each case is
// checked against the value written by hand, at run time and in constant
// evaluation; the cases that must not be rewritten keep their graph.
template <class E>
constexpr std::size_t added_nodes() {
    using G = detail::graph<detail::graph_builder<detail::eval_payload<double>>, detail::type_list<>, E>;
    return G::tables.forward - G::sizes.nodes;  // (the nodes in use; the tables have room for more)
}
BOOST_AUTO_TEST_CASE(sums_are_computed_from_the_sums_they_contain) {
    using W = Var<'w'>;
    constexpr double x = 1.5, y = -2.25, z = 0.75, w = 3.0;
    constexpr auto p = point(at<X>(x), at<Y>(y), at<Z>(z), at<W>(w));
    // (y + z)(w + xy + xz): c = x
    using E1 = Mul<Add<Y, Z>, Add<Mul<X, Y>, Mul<X, Z>, W>>;
    static_assert(added_nodes<E1>() == 1);
    static_assert(eval<E1>(p) == (y + z) * (w + x * (y + z)));
    BOOST_TEST(eval<E1>(p) == (y + z) * (w + x * (y + z)));
    // a coefficient: c = 3x
    using E2 = Mul<Add<Y, Z>, Add<Mul<Int<3>, X, Y>, Mul<Int<3>, X, Z>, W>>;
    static_assert(added_nodes<E2>() == 1);
    static_assert(eval<E2>(p) == (y + z) * (w + 3 * x * (y + z)));
    BOOST_TEST(eval<E2>(p) == (y + z) * (w + 3 * x * (y + z)));
    // a constant term of S': (1 + y)(w + x + xy), c = x
    using E3 = Mul<Add<Int<1>, Y>, Add<X, Mul<X, Y>, W>>;
    static_assert(added_nodes<E3>() == 1);
    static_assert(eval<E3>(p) == (1 + y) * (w + x * (1 + y)));
    BOOST_TEST(eval<E3>(p) == (1 + y) * (w + x * (1 + y)));
    // a power one higher: (x + y)(z + x^2 + xy), c = x
    using E4 = Mul<Add<X, Y>, Add<Mul<X, X>, Mul<X, Y>, Z>>;
    static_assert(added_nodes<E4>() == 1);
    static_assert(eval<E4>(p) == (x + y) * (z + x * (x + y)));
    BOOST_TEST(eval<E4>(p) == (x + y) * (z + x * (x + y)));
    // c a number: (y + z)(w - y - z) = (y + z)(w + (-1)(y + z))
    using E5 = Mul<Add<Y, Z>, Add<Mul<Int<-1>, Y>, Mul<Int<-1>, Z>, W>>;
    static_assert(added_nodes<E5>() == 1);
    static_assert(eval<E5>(p) == (y + z) * (w - (y + z)));
    BOOST_TEST(eval<E5>(p) == (y + z) * (w - (y + z)));
    // not rewritten: coefficients not in proportion; a factor below the
    // fraction line; a logarithm (the evaluator's pair b^e ln b)
    using N1 = Mul<Add<Y, Z>, Add<Mul<X, Y>, Mul<Int<2>, X, Z>>>;
    using N2 = Mul<Add<Y, Z>, Add<Mul<Div<X, W>, Y>, Mul<Div<X, W>, Z>, W>>;
    using N3 = Mul<Add<Y, Z>, Add<Mul<Log<X>, Y>, Mul<Log<X>, Z>, W>>;
    static_assert(added_nodes<N1>() == 0 && added_nodes<N2>() == 0 && added_nodes<N3>() == 0);
    BOOST_TEST(eval<N1>(p) == (y + z) * (x * y + 2 * x * z));
    BOOST_TEST(eval<N2>(p) == (y + z) * (x * y / w + x * z / w + w), boost::test_tools::tolerance(1e-15));
    BOOST_TEST(eval<N3>(p) == (y + z) * (std::log(x) * y + std::log(x) * z + w), boost::test_tools::tolerance(1e-15));
    // a gradient is not rewritten (its reverse sweep is linear already) and
    // agrees
    const auto g = eval<Gradient<E1, X, W>>(p);
    BOOST_TEST(g[0] == (y + z) * (y + z));
    BOOST_TEST(g[1] == (y + z));
}
