// Logistic regression: the gradient of the cross-entropy loss of a model
// p = sigmoid(w1 x1 + w2 x2 + b) over four labelled points, and gradient
// descent with it.
//
//   L = - sum_i [ y_i log p_i + (1 - y_i) log(1 - p_i) ]
//   dL/dw_k = sum_i (p_i - y_i) x_ik,   dL/db = sum_i (p_i - y_i)
//
// The data are constants of the expression; the parameters are variables.
// The gradient is computed in reverse mode, and checked at compile time
// against the closed form above.
#include <chainrule.hpp>

#include <array>
#include <cstdio>
#include <type_traits>

using namespace chainrule;

using W1 = Var<"w1">;
using W2 = Var<"w2">;
using B = Var<'b'>;

// The model's logit at the point (x1, x2).
template <class X1, class X2>
using Logit = Add<Add<Mul<W1, X1>, Mul<W2, X2>>, B>;

// One point's loss: -log p for label 1, -log(1 - p) for label 0.
template <class X1, class X2, int Label>
using PointLoss =
    std::conditional_t<Label == 1, Neg<Log<Sigmoid<Logit<X1, X2>>>>, Neg<Log<Sub<Int<1>, Sigmoid<Logit<X1, X2>>>>>>;

using Loss = Add<Add<PointLoss<Int<2>, Int<1>, 1>, PointLoss<Rational<1, 2>, Int<3>, 1>>,
                 Add<PointLoss<Int<-1>, Int<-2>, 0>, PointLoss<Int<-3>, Rational<1, 2>, 0>>>;
using LossGradient = Gradient<Loss, W1, W2, B>;

// The closed form, for checking.
constexpr double p(double x1, double x2, double w1, double w2, double b) {
    return eval<Sigmoid<X>>(w1 * x1 + w2 * x2 + b);
}
constexpr std::array<double, 3> closed_form(double w1, double w2, double b) {
    const double xs[4][3] = {{2, 1, 1}, {0.5, 3, 1}, {-1, -2, 0}, {-3, 0.5, 0}};
    std::array<double, 3> g{};
    for (const auto& x : xs) {
        double r = p(x[0], x[1], w1, w2, b) - x[2];
        g[0] += r * x[0];
        g[1] += r * x[1];
        g[2] += r;
    }
    return g;
}
constexpr bool close(double a, double b) { return (a > b ? a - b : b - a) <= 1e-14; }

constexpr auto g0 = eval<LossGradient>(at<W1>(0.0), at<W2>(0.0), at<B>(0.0));
static_assert(close(g0[0], closed_form(0, 0, 0)[0]) && close(g0[1], closed_form(0, 0, 0)[1]) &&
              close(g0[2], closed_form(0, 0, 0)[2]));
// At w = 0, b = 0 every p is 1/2, so p - y is -1/2 for the label-1 points
// and 1/2 for the others: dL/dw1 = -(2 + 1/2)/2 + (-1 - 3)/2 = -3.25,
// dL/dw2 = -(1 + 3)/2 + (-2 + 1/2)/2 = -2.75, dL/db = 0.
static_assert(g0[0] == -3.25 && g0[1] == -2.75 && g0[2] == 0.0);

constexpr auto g1 = eval<LossGradient>(at<W1>(0.5), at<W2>(-0.25), at<B>(0.125));
static_assert(close(g1[0], closed_form(0.5, -0.25, 0.125)[0]) && close(g1[1], closed_form(0.5, -0.25, 0.125)[1]) &&
              close(g1[2], closed_form(0.5, -0.25, 0.125)[2]));

int main() {
    double w1 = 0, w2 = 0, b = 0;
    std::printf("gradient at 0: (%g, %g, %g)\n", g0[0], g0[1], g0[2]);
    double first = eval<Loss>(at<W1>(w1), at<W2>(w2), at<B>(b)), last = first;
    for (int step = 0; step <= 50; ++step) {
        auto g = eval<LossGradient>(at<W1>(w1), at<W2>(w2), at<B>(b));
        last = eval<Loss>(at<W1>(w1), at<W2>(w2), at<B>(b));
        if (step % 10 == 0) std::printf("step %2d: w = (%.4f, %.4f), b = %.4f, loss = %.6f\n", step, w1, w2, b, last);
        w1 -= 0.1 * g[0];
        w2 -= 0.1 * g[1];
        b -= 0.1 * g[2];
    }
    return last < first ? 0 : 1;
}
