// The tutorial's layered program with weights, differentiated in reverse mode.
//
//   a1 = relu(w z + b)         layer 1: a weight and a bias
//   a2 = sigmoid(a1)           layer 2
//   L  = (a2 - 0.8)^2          the loss against the target 0.8
//
// Backpropagation is the chain rule applied through all the layers, each
// shared piece computed once: the forward sweep evaluates a1, a2 and L; the
// backward sweep passes dL/dL = 1 down through the same graph,
//
//   dL/da2 = 2 (a2 - 0.8)
//   dL/da1 = dL/da2 * a2 (1 - a2)          (sigmoid' reuses a2: no second exp)
//   dL/db  = dL/da1 * relu'(w z + b)
//   dL/dw  = dL/db * z
//
// At z = 2, w = 1, b = 0: dL/db = 0.016966... and dL/dw = 2 * 0.016966...,
// what PyTorch's autograd prints for the same program.
#include <chainrule.hpp>

#include <cstdio>

using namespace chainrule;

using W = Var<'w'>;
using B = Var<'b'>;

using Layer1 = Relu<Add<Mul<W, Z>, B>>;
using Layer2 = Sigmoid<Layer1>;
using Loss = Pow<Sub<Layer2, Rational<4, 5>>, Int<2>>;
using LossGradient = Gradient<Loss, W, B>;  // (dL/dw, dL/db)

// 2 (s(2) - 0.8) s(2) (1 - s(2)) with s the sigmoid, by mpmath to 17 digits.
constexpr double dl_db = 0.016966349814049152;
constexpr bool close(double a, double b) { return (a > b ? a - b : b - a) <= 1e-15; }

constexpr auto g = eval<LossGradient>(at<W>(1.0), at<B>(0.0), at<Z>(2.0));
static_assert(close(g[0], 2 * dl_db), "dL/dw = dL/db * z");
static_assert(close(g[1], dl_db));

// The same partials, one at a time, as symbolic types: the gradient agrees.
static_assert(close(eval<D<Loss, W>>(at<W>(1.0), at<B>(0.0), at<Z>(2.0)), g[0]));
static_assert(close(eval<D<Loss, B>>(at<W>(1.0), at<B>(0.0), at<Z>(2.0)), g[1]));

// Left of the kink no gradient flows: relu'(-1) = 0.
static_assert(eval<LossGradient>(at<W>(-1.0), at<B>(1.0), at<Z>(2.0))[0] == 0.0);

int main() {
    std::printf("z = 2, w = 1, b = 0:  L = %.6f\n", eval<Loss>(at<W>(1.0), at<B>(0.0), at<Z>(2.0)));
    std::printf("  dL/dw = %.6f   (2 x 0.016966)\n", g[0]);
    std::printf("  dL/db = %.6f   (PyTorch: 0.016966)\n", g[1]);

    // A few steps of gradient descent on (w, b), the point of the gradient.
    double w = 1.0, b = 0.0;
    for (int step = 1; step <= 5; ++step) {
        auto [dw, db] = eval<LossGradient>(at<W>(w), at<B>(b), at<Z>(2.0));
        w -= 2.0 * dw;
        b -= 2.0 * db;
        std::printf("  step %d: w = %.5f, b = %.5f, L = %.8f\n", step, w, b,
                    eval<Loss>(at<W>(w), at<B>(b), at<Z>(2.0)));
    }
}
