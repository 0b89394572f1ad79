// A 2-8-1 network (tanh hidden layer, sigmoid output) learns XOR. The layers
// are families of variables; one std::array holds all 33 parameters, in the
// order the gradient lists them (w row by row, then b, v, c).
#include <chainrule.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <functional>
#include <span>
#include <utility>

using namespace chainrule;
template <std::size_t J>
using Hidden = Tanh<Add<Mul<Var<"w", J, 0>, Var<"x", 0>>, Mul<Var<"w", J, 1>, Var<"x", 1>>, Var<"b", J>>>;
template <std::size_t... J>
auto output(std::index_sequence<J...>) -> Sigmoid<Add<Mul<Var<"v", J>, Hidden<J>>..., Var<'c'>>>;
using Out = decltype(output(std::make_index_sequence<8>{}));
using Train = ValueAndGradient<Pow<Sub<Out, Var<'t'>>, Int<2>>, Vars<"w", 8, 2>, Vars<"b", 8>, Vars<"v", 8>, Var<'c'>>;

int main() {
    std::array<double, 33> p;
    for (int k = 0; k < 33; ++k) p[k] = std::sin(k + 1.0);  // a fixed start, spread over [-1, 1]
    const std::array<std::array<double, 2>, 4> x{{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
    // The layers' parameters are bound by reference (std::cref): a point reads
    // them in p, where the training step updates them, instead of a copy.
    const std::span<const double, 33> s(p);
    const auto w = s.first<16>();
    const auto b = s.subspan<16, 8>();
    const auto v = s.subspan<24, 8>();
    auto at_point = [&](int i) {
        return point(at<Vars<"w", 8, 2>>(std::cref(w)), at<Vars<"b", 8>>(std::cref(b)), at<Vars<"v", 8>>(std::cref(v)),
                     at<Var<'c'>>(p[32]), at<Vars<"x", 2>>(std::cref(x[i])), at<Var<'t'>>(double(i == 1 || i == 2)));
    };
    for (int epoch = 1; epoch <= 5000; ++epoch) {
        std::array<double, 33> g{};
        for (int i = 0; i < 4; ++i)
            for (int k = 0; k < 33; ++k) g[k] += eval<Train>(at_point(i)).gradient[k];
        for (int k = 0; k < 33; ++k) p[k] -= 0.5 * g[k];
        int right = 0;
        for (int i = 0; i < 4; ++i) right += (eval<Out>(at_point(i)) > 0.5) == (i == 1 || i == 2);
        if (right == 4) return std::printf("XOR learned after %d epochs\n", epoch), 0;
    }
    return 1;
}
