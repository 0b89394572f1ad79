// A 2-32-1 network (tanh hidden layer, sigmoid output, squared error): 129
// parameters written with families, its loss and full gradient from one
// ValueAndGradient, checked against a hand-written forward and backward pass.
// Built and timed by bench/families/run.sh (issue 9's closing figure).
#include <chainrule.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <span>
#include <utility>

using namespace chainrule;
constexpr std::size_t H = 32;
using W = Vars<"w", H, 2>;
using B = Vars<"b", H>;
using V = Vars<"v", H>;
using C = Var<'c'>;
using In = Vars<"x", 2>;
template <std::size_t J>
using Hidden = Tanh<Add<Mul<Var<"w", J, 0>, Var<"x", 0>>, Mul<Var<"w", J, 1>, Var<"x", 1>>, Var<"b", J>>>;
template <std::size_t... J>
auto output(std::index_sequence<J...>) -> Sigmoid<Add<Mul<Var<"v", J>, Hidden<J>>..., C>>;
using Out = decltype(output(std::make_index_sequence<H>{}));
using Loss = Pow<Sub<Out, Var<'t'>>, Int<2>>;
using Train = ValueAndGradient<Loss, W, B, V, C>;
constexpr std::size_t P = 4 * H + 1;

int main() {
    std::array<double, P> p;
    for (std::size_t k = 0; k < P; ++k) p[k] = std::sin(double(k + 1));
    const std::span<double, P> s(p);
    const std::array<double, 2> x{0.25, -0.75};
    const double t = 1.0;
    const auto r = eval<Train>(at<W>(s.first<2 * H>()), at<B>(s.subspan<2 * H, H>()), at<V>(s.subspan<3 * H, H>()),
                               at<C>(p[P - 1]), at<In>(x), at<Var<'t'>>(t));
    // by hand
    std::array<double, H> h{};
    double z = p[P - 1];
    for (std::size_t j = 0; j < H; ++j) {
        h[j] = std::tanh(p[2 * j] * x[0] + p[2 * j + 1] * x[1] + p[2 * H + j]);
        z += p[3 * H + j] * h[j];
    }
    const double o = 1 / (1 + std::exp(-z)), loss = (o - t) * (o - t), dz = 2 * (o - t) * o * (1 - o);
    std::array<double, P> g{};
    for (std::size_t j = 0; j < H; ++j) {
        const double da = dz * p[3 * H + j] * (1 - h[j] * h[j]);
        g[2 * j] = da * x[0], g[2 * j + 1] = da * x[1], g[2 * H + j] = da, g[3 * H + j] = dz * h[j];
    }
    g[P - 1] = dz;
    double worst = std::fabs(r.value - loss) / loss;
    for (std::size_t k = 0; k < P; ++k)
        worst = std::fmax(worst, std::fabs(r.gradient[k] - g[k]) / std::fmax(1e-300, std::fabs(g[k])));
    std::printf("2-32-1: loss %.17g, largest relative difference from hand-written %.3g\n", r.value, worst);
    return worst < 1e-12 ? 0 : 1;
}
