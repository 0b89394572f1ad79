// A user translation unit that uses the whole public face is clean under
// -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror on both compilers
// (issue 12, item 5): the flags are set for this target in tests/CMakeLists.txt.
#include <chainrule.hpp>

#include <array>
#include <span>
#include <string>
#include <vector>

using namespace chainrule;
using namespace chainrule::literals;

namespace {

using W = Vars<"w", 2>;
using L = Pow<Sub<Sigmoid<Add<Mul<Var<"w", 0>, X>, Mul<Var<"w", 1>, Y>, Var<'b'>>>, Rational<4, 5>>, Int<2>>;
constexpr auto x = X{};

double run(const std::vector<double>& w, double xv, float yf, long double zl) {
    double total = eval<D<Sigmoid<X>, X, 3>>(xv) + eval<Mul<X, Y>>(at<X>(xv), at<Y>(2.0));
    total += static_cast<double>(eval<D<Tanh<X>>>(yf)) + static_cast<double>(eval<Exp<X>>(zl));
    const auto vg = eval<ValueAndGradient<L, W, Var<'b'>>>(at<W>(w), at<Var<'b'>>(0.5), at<X>(xv), at<Y>(1.0));
    total += vg.value + vg.gradient[0];
    const auto g =
        eval<Gradient<L, W>>(point(at<W>(std::span<const double>(w)), at<Var<'b'>>(0.5), at<X>(xv), at<Y>(1.0)));
    total += g[1] + eval<Hessian<Mul<X, Sin<Y>>, X, Y>>(at<X>(xv), at<Y>(1.0))[0][1];
    total += eval<decltype(3_c * x + 0.8_c)>(xv) + eval<Atan2<Y, X>>(at<X>(xv), at<Y>(1.0));
    total += eval<Mul<Pi, Softplus<X>>>(xv);
    total += eval<TaylorPartial<Mul<Exp<X>, Atan2<Y, X>>, Order<X, 2>, Y>>(at<X>(xv), at<Y>(1.0)) +
             static_cast<double>(eval<TaylorPartial<Tanh<X>, Order<X, 3>>>(yf));
    const std::string text = to_text<D<L, Var<"w", 0>>>();
    return total + static_cast<double>(text.size());
}

}  // namespace

int main() { return run({0.1, 0.2}, 0.3, 0.5f, 0.25L) > 0 ? 0 : 1; }
