// Run time of chainrule's derivatives against the same derivatives written by
// hand, and against Boost.Math's autodiff, in one run.
//
//   g++ -std=c++20 -O2 -DNDEBUG -Iinclude bench/runtime/derivatives.cpp -o /tmp/derivatives && /tmp/derivatives
//
// Each kernel is evaluated over the same 2^20 points, 20 times; the best of
// 5 repetitions is reported in nanoseconds per evaluation, with the ratio to
// the hand-written code. Timings are wall-clock and depend on the machine;
// the ratios are what docs/performance.md quotes.
#include <chainrule.hpp>

#include <boost/math/differentiation/autodiff.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <vector>

using namespace chainrule;

namespace {

std::vector<double> points() {
    std::vector<double> xs(1 << 20);
    for (std::size_t i = 0; i < xs.size(); ++i) xs[i] = -8.0 + 16.0 * double(i) / double(xs.size());
    return xs;
}

template <class F>
double ns_per_eval(const std::vector<double>& xs, F f, double& sink) {
    double best = 1e300;
    for (int rep = 0; rep < 5; ++rep) {
        auto t0 = std::chrono::steady_clock::now();
        double s = 0;
        for (int k = 0; k < 20; ++k)
            for (double x : xs) s += f(x);
        auto t1 = std::chrono::steady_clock::now();
        sink += s;
        best = std::min(best, std::chrono::duration<double, std::nano>(t1 - t0).count() / (20.0 * double(xs.size())));
    }
    return best;
}

void report(const char* name, double ns, double hand) {
    std::printf("  %-44s %8.2f ns   %5.2fx hand-written\n", name, ns, ns / hand);
}

// One kernel: its title, then the hand-written code and chainrule's, each
// measured and reported against the hand-written.
template <class Hand, class Lib>
void compare(const char* title, const char* hand_name, Hand hand_fn, const char* lib_name, Lib lib_fn,
             const std::vector<double>& xs, double& sink) {
    std::printf("%s\n", title);
    const double hand = ns_per_eval(xs, hand_fn, sink);
    const double lib = ns_per_eval(xs, lib_fn, sink);
    report(hand_name, hand, hand);
    report(lib_name, lib, hand);
}

}  // namespace

int main() {
    auto xs = points();
    double sink = 0;

    std::printf("sigmoid'(x) = s(1 - s)\n");
    double hand_naive = ns_per_eval(
        xs,
        [](double x) {
            double s = 1 / (1 + std::exp(-x));
            return s * (1 - s);
        },
        sink);
    double hand_stable = ns_per_eval(
        xs,
        [](double x) {
            double s = x < 0 ? std::exp(x) / (1 + std::exp(x)) : 1 / (1 + std::exp(-x));
            return s * (1 - s);
        },
        sink);
    double lib = ns_per_eval(
        xs, [](double x) { return eval<D<Sigmoid<X>>>(x); }, sink);
    report("hand-written, 1/(1+exp(-x))", hand_naive, hand_naive);
    report("hand-written, stable in both tails", hand_stable, hand_stable);
    report("chainrule eval<D<Sigmoid<X>>>", lib, hand_stable);

    compare(
        "tanh'(x) = 1 - tanh^2", "hand-written",
        [](double x) {
            double t = std::tanh(x);
            return 1 - t * t;
        },
        "chainrule eval<D<Tanh<X>>>", [](double x) { return eval<D<Tanh<X>>>(x); }, xs, sink);

    using Loss = Pow<Sub<Sigmoid<Relu<X>>, Rational<4, 5>>, Int<2>>;
    compare(
        "dL/dz of the tutorial's L = (s(relu(z)) - 0.8)^2", "hand-written",
        [](double z) {
            double a1 = z > 0 ? z : 0;
            double s = 1 / (1 + std::exp(-a1));
            return 2 * (s - 0.8) * s * (1 - s) * (z > 0 ? 1.0 : 0.0);
        },
        "chainrule eval<D<Loss>>", [](double z) { return eval<D<Loss>>(z); }, xs, sink);

    compare(
        "silu'(x) = s (1 + x (1 - s))", "hand-written, stable in both tails",
        [](double x) {
            double s = x < 0 ? std::exp(x) / (1 + std::exp(x)) : 1 / (1 + std::exp(-x));
            return s * (1 + x * (1 - s));
        },
        "chainrule eval<D<Mul<X, Sigmoid<X>>>>", [](double x) { return eval<D<Mul<X, Sigmoid<X>>>>(x); }, xs, sink);

    compare(
        "gelu''(x) = (2 - x^2) exp(-x^2 / 2) / sqrt(2 pi)", "hand-written",
        [](double x) { return (2 - x * x) * std::exp(-x * x / 2) * 0.3989422804014327; },
        "chainrule eval<D<Gelu<X>, X, 2>>", [](double x) { return eval<D<Gelu<X>, X, 2>>(x); }, xs, sink);

    compare(
        "atan'''(x) = (6 x^2 - 2) / (1 + x^2)^3", "hand-written",
        [](double x) {
            double q = 1 + x * x;
            return (6 * x * x - 2) / (q * q * q);
        },
        "chainrule eval<D<Atan<X>, X, 3>>", [](double x) { return eval<D<Atan<X>, X, 3>>(x); }, xs, sink);

    std::printf("10th derivative of the sigmoid\n");
    lib = ns_per_eval(
        xs, [](double x) { return eval<D<Sigmoid<X>, X, 10>>(x); }, sink);
    double ad = ns_per_eval(
        xs,
        [](double x) {
            auto v = boost::math::differentiation::make_fvar<double, 10>(x);
            auto s = 1 / (1 + exp(-v));
            return s.derivative(10);
        },
        sink);
    std::printf("  %-44s %8.2f ns\n", "chainrule eval<D<Sigmoid<X>, X, 10>>", lib);
    std::printf("  %-44s %8.2f ns   %5.2fx chainrule\n", "Boost.Math autodiff make_fvar<double, 10>", ad, ad / lib);

    std::printf("(checksum %g)\n", sink);
}
