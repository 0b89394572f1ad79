// User-defined functions: a tag with a name, a derivative rule and an
// evaluation, applied with chainrule::Apply, works everywhere a built-in does.
// (docs/guide.md, "Your own functions".)
#include <chainrule.hpp>

#include <cmath>
#include <cstdio>
#include <type_traits>

namespace my {

using namespace chainrule;

// softsign(u) = u / (1 + |u|), whose derivative is 1 / (1 + |u|)^2.
// chainrule has a built-in softsign too: this is another function with the
// same name, so its key tells the two apart in the canonical order.
struct softsign_fn {
    static constexpr const char* name = "softsign";
    static constexpr const char* key = "my::softsign";
    template <class U>
    using derivative = Pow<Add<Int<1>, Abs<U>>, Int<-2>>;
    template <class T>
    static constexpr T eval(T u) {
        return u / (T(1) + (u < T(0) ? -u : u));
    }
};
template <Expression A>
using Softsign = Apply<softsign_fn, A>;

// logaddexp(a, b) = log(e^a + e^b), a function of two arguments: its partial
// derivatives are sigma(a - b) and sigma(b - a).
struct logaddexp_fn {
    static constexpr const char* name = "logaddexp";
    template <class A, class B>
    using derivative = Partials<Sigmoid<Sub<A, B>>, Sigmoid<Sub<B, A>>>;
    template <class T>
    static constexpr T eval(T a, T b) {
        // max(a, b) + log(1 + e^-|a - b|): no overflow for large a or b
        const T m = a < b ? b : a;
        const T d = a < b ? a - b : b - a;
        if (std::is_constant_evaluated()) return m + math::log1p(math::exp(d));
        return m + std::log1p(std::exp(d));
    }
};
template <Expression A, Expression B>
using LogAddExp = Apply<logaddexp_fn, A, B>;

}  // namespace my

using namespace chainrule;

// D, canonical forms and constant evaluation, as for a built-in.
static_assert(Function<my::softsign_fn> && Function<my::logaddexp_fn>);
static_assert(std::is_same_v<D<my::Softsign<X>>, Pow<Add<Int<1>, Abs<X>>, Int<-2>>>);
static_assert(std::is_same_v<Add<my::Softsign<X>, my::Softsign<X>>, Mul<Int<2>, my::Softsign<X>>>);
static_assert(eval<D<my::Softsign<X>>>(1.0) == 0.25);
// Two functions named softsign, two terms: told apart by their tags.
static_assert(!std::is_same_v<my::Softsign<X>, Softsign<X>>);
static_assert(eval<Add<my::Softsign<X>, Softsign<X>>>(1.0) == 1.0);
static_assert(std::is_same_v<D<my::LogAddExp<X, Y>, X>, Sigmoid<Sub<X, Y>>>);
static_assert(eval<Gradient<my::LogAddExp<X, Y>, X, Y>>(at<X>(0.0), at<Y>(0.0))[0] == 0.5);

int main() {
    // logaddexp(x, y) + softsign(x y), its value and gradient at run time.
    using F = Add<my::LogAddExp<X, Y>, my::Softsign<Mul<X, Y>>>;
    const double x = 800.0, y = -1.0;
    const auto g = eval<Gradient<F, X, Y>>(at<X>(x), at<Y>(y));
    std::printf("f(800, -1) = %.6f, gradient (%.6g, %.6g)\n", eval<F>(at<X>(x), at<Y>(y)), g[0], g[1]);
    // logaddexp(800, -1) is 800 (not inf); its partials are 1 and ~0.
    const bool ok = std::abs(eval<F>(at<X>(x), at<Y>(y)) - (800.0 - 800.0 / 801.0)) < 1e-9 &&
                    std::abs(g[0] - (1.0 - 1.0 / (801.0 * 801.0))) < 1e-12;
    return ok ? 0 : 1;
}
