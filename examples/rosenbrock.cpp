// Rosenbrock's function f(x, y) = (1 - x)^2 + 100 (y - x^2)^2: its gradient
// and Hessian, as types the compiler evaluates, and Newton's method with them.
//
//   grad f = (-2 (1 - x) - 400 x (y - x^2),  200 (y - x^2))
//   H f    = ((1200 x^2 - 400 y + 2,  -400 x), (-400 x,  200))
//
// At the minimum (1, 1) the gradient is 0 and H = ((802, -400), (-400, 200));
// at the classic start (-1.2, 1), grad f = (-215.6, -88) and
// H = ((1330, 480), (480, 200)).
#include <chainrule.hpp>

#include <cstdio>
#include <type_traits>

using namespace chainrule;

using F = Add<Pow<Sub<Int<1>, X>, Int<2>>, Mul<Int<100>, Pow<Sub<Y, Pow<X, Int<2>>>, Int<2>>>>;
using Grad = Gradient<F, X, Y>;
using Hess = Hessian<F, X, Y>;

constexpr bool close(double a, double b) { return (a > b ? a - b : b - a) <= 1e-12 * (1 + (b < 0 ? -b : b)); }

// At the minimum: exact.
constexpr auto g_min = eval<Grad>(at<X>(1.0), at<Y>(1.0));
constexpr auto h_min = eval<Hess>(at<X>(1.0), at<Y>(1.0));
static_assert(g_min[0] == 0.0 && g_min[1] == 0.0);
static_assert(h_min[0][0] == 802.0 && h_min[0][1] == -400.0 && h_min[1][0] == -400.0 && h_min[1][1] == 200.0);

// At (-1.2, 1), which is not a double: equal up to rounding.
constexpr auto g_start = eval<Grad>(at<X>(-1.2), at<Y>(1.0));
constexpr auto h_start = eval<Hess>(at<X>(-1.2), at<Y>(1.0));
static_assert(close(g_start[0], -215.6) && close(g_start[1], -88.0));
static_assert(close(h_start[0][0], 1330.0) && close(h_start[0][1], 480.0) && h_start[0][1] == h_start[1][0] &&
              h_start[1][1] == 200.0);

// The Hessian's entries are the mixed partials, as types.
static_assert(std::is_same_v<Partial<F, X, Y>, Partial<F, Y, X>>);
static_assert(std::is_same_v<Partial<F, Y, Y>, Int<200>>);

int main() {
    std::printf("at (1, 1):     grad = (%g, %g)   H = ((%g, %g), (%g, %g))\n", 0.0 + g_min[0], 0.0 + g_min[1],
                h_min[0][0], h_min[0][1], h_min[1][0], h_min[1][1]);
    std::printf("at (-1.2, 1):  grad = (%g, %g)   H = ((%g, %g), (%g, %g))\n", g_start[0], g_start[1], h_start[0][0],
                h_start[0][1], h_start[1][0], h_start[1][1]);

    // Newton's method: solve H d = -grad, step by d.
    double x = -1.2, y = 1.0;
    for (int step = 1; step <= 8; ++step) {
        auto g = eval<Grad>(at<X>(x), at<Y>(y));
        auto h = eval<Hess>(at<X>(x), at<Y>(y));
        double det = h[0][0] * h[1][1] - h[0][1] * h[1][0];
        x -= (h[1][1] * g[0] - h[0][1] * g[1]) / det;
        y -= (h[0][0] * g[1] - h[1][0] * g[0]) / det;
        std::printf("Newton step %d: (%.10f, %.10f)  f = %.3e\n", step, x, y, eval<F>(at<X>(x), at<Y>(y)));
    }
    return (x - 1) * (x - 1) + (y - 1) * (y - 1) < 1e-20 ? 0 : 1;
}
