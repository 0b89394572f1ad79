// Logistic regression by gradient descent on 100 points generated at run time.
// A point's features x[0], x[1] and label y are variables like the parameters
// w[0], w[1], b: each point is bound in turn, and only the parameters are
// differentiated. One sweep gives the loss and its gradient.
#include <chainrule.hpp>

#include <array>
#include <cstdio>
#include <random>
#include <span>

using namespace chainrule;
using W = Vars<"w", 2>;
using Xs = Vars<"x", 2>;
using P = Sigmoid<Add<Mul<Var<"w", 0>, Var<"x", 0>>, Mul<Var<"w", 1>, Var<"x", 1>>, Var<'b'>>>;
using Loss = Neg<Add<Mul<Var<'y'>, Log<P>>, Mul<Sub<Int<1>, Var<'y'>>, Log<Sub<Int<1>, P>>>>>;  // cross-entropy
using Train = ValueAndGradient<Loss, W, Var<'b'>>;

int main() {
    std::mt19937 rng(2026);
    std::normal_distribution<double> noise;
    std::array<std::array<double, 2>, 100> x;
    std::array<double, 100> y;
    for (int i = 0; i < 100; ++i) y[i] = i % 2, x[i] = {noise(rng) + 2 * y[i], noise(rng) - y[i]};
    std::array<double, 3> p{};  // w[0], w[1], b
    double previous = 1e300;
    for (int step = 0; step <= 100; ++step) {
        double loss = 0;
        std::array<double, 3> g{};
        for (int i = 0; i < 100; ++i) {
            const auto [l, gi] =
                eval<Train>(at<W>(std::span(p).first<2>()), at<Var<'b'>>(p[2]), at<Xs>(x[i]), at<Var<'y'>>(y[i]));
            loss += l / 100;
            for (int k = 0; k < 3; ++k) g[k] += gi[k] / 100;
        }
        if (step % 10 == 0 && !(loss < previous)) return 1;  // the loss must fall
        if (step % 10 == 0) std::printf("step %3d  loss %.6f\n", step, previous = loss);
        for (int k = 0; k < 3; ++k) p[k] -= 0.5 * g[k];
    }
}
