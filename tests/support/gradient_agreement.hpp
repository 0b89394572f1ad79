// The differential test between Gradient and D (gradient_agreement_test.cpp):
// the expression generator and the check, shared by the batches (one
// translation unit each, so that they compile in parallel).
#pragma once

#include <chainrule.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <type_traits>
#include <utility>

#include <boost/test/unit_test.hpp>

namespace agreement {

using namespace chainrule;

constexpr std::uint64_t next(std::uint64_t s) {  // splitmix64
    s += 0x9e3779b97f4a7c15ULL;
    s = (s ^ (s >> 30)) * 0xbf58476d1ce4e5b9ULL;
    s = (s ^ (s >> 27)) * 0x94d049bb133111ebULL;
    return s ^ (s >> 31);
}

// An expression over X and Y drawn from the seed S, at most Depth levels of
// operations deep: every built-in of one and two arguments and every form of
// arithmetic. Constants appear only beside an expression that holds a
// variable, so no function is applied to a constant (whose domain error
// would be a compile error, not a value).
template <std::uint64_t S, int Depth>
struct gen;
// (A subexpression that cancels to a constant, x - x, is moved off it, so
// that no function or division meets a constant: x + c.)
template <std::uint64_t S, int Depth>
using gen_t = std::conditional_t<Constant<typename gen<S, Depth>::type>, Add<X, typename gen<S, Depth>::type>,
                                 typename gen<S, Depth>::type>;

template <std::uint64_t S, class A>
auto unary() {
    constexpr int k = static_cast<int>((S >> 20) % 36);
    if constexpr (k == 0) return Exp<A>{};
    else if constexpr (k == 1) return Log<A>{};
    else if constexpr (k == 2) return Sqrt<A>{};
    else if constexpr (k == 3) return Sin<A>{};
    else if constexpr (k == 4) return Cos<A>{};
    else if constexpr (k == 5) return Tan<A>{};
    else if constexpr (k == 6) return Tanh<A>{};
    else if constexpr (k == 7) return Sigmoid<A>{};
    else if constexpr (k == 8) return Relu<A>{};
    else if constexpr (k == 9) return Abs<A>{};
    else if constexpr (k == 10) return Step<A>{};
    else if constexpr (k == 11) return Sign<A>{};
    else if constexpr (k == 12) return Asin<A>{};
    else if constexpr (k == 13) return Acos<A>{};
    else if constexpr (k == 14) return Atan<A>{};
    else if constexpr (k == 15) return Sinh<A>{};
    else if constexpr (k == 16) return Cosh<A>{};
    else if constexpr (k == 17) return Asinh<A>{};
    else if constexpr (k == 18) return Acosh<A>{};
    else if constexpr (k == 19) return Atanh<A>{};
    else if constexpr (k == 20) return Erf<A>{};
    else if constexpr (k == 21) return Erfc<A>{};
    else if constexpr (k == 22) return Exp2<A>{};
    else if constexpr (k == 23) return Log2<A>{};
    else if constexpr (k == 24) return Log10<A>{};
    else if constexpr (k == 25) return Log1p<A>{};
    else if constexpr (k == 26) return Expm1<A>{};
    else if constexpr (k == 27) return Cbrt<A>{};
    else if constexpr (k == 28) return Softplus<A>{};
    else if constexpr (k == 29) return Silu<A>{};
    else if constexpr (k == 30) return Gelu<A>{};
    else if constexpr (k == 31) return Elu<A>{};
    else if constexpr (k == 32) return LeakyRelu<A>{};
    else if constexpr (k == 33) return LogSigmoid<A>{};
    else if constexpr (k == 34) return Softsign<A>{};
    else return Log<Sigmoid<A>>{};  // the composition of the issue
}

template <std::uint64_t S, class A, class B>
auto binary() {
    constexpr int k = static_cast<int>((S >> 20) % 13);
    constexpr long long n = static_cast<long long>((S >> 40) % 5) + 2;  // 2 .. 6
    if constexpr (k == 0) return Add<A, B>{};
    else if constexpr (k == 1) return Sub<A, B>{};
    else if constexpr (k == 2) return Mul<A, B>{};
    else if constexpr (k == 3) return Div<A, B>{};
    else if constexpr (k == 4) return Pow<A, B>{};
    else if constexpr (k == 5) return Pow<A, Int<n>>{};
    else if constexpr (k == 6) return Pow<A, Int<-n + 1>>{};
    else if constexpr (k == 7) return Pow<A, Rational<1, n>>{};
    else if constexpr (k == 8) return Atan2<A, B>{};
    else if constexpr (k == 9) return Hypot<A, B>{};
    else if constexpr (k == 10) return Max<A, B>{};
    else if constexpr (k == 11) return Min<A, B>{};
    else return Add<Mul<Int<n>, A>, Rational<1, n>>{};
}

template <std::uint64_t S, int Depth>
auto pick() {
    constexpr std::uint64_t r = S % 100;
    if constexpr (Depth == 0 || r < 12) {
        if constexpr ((S >> 8) % 2 == 0) return X{};
        else return Y{};
    } else if constexpr (r < 55) {
        return unary<S, gen_t<next(S), Depth - 1>>();
    } else {
        return binary<S, gen_t<next(S), Depth - 1>, gen_t<next(next(S) + 1), Depth - 1>>();
    }
}
template <std::uint64_t S, int Depth>
struct gen {
    using type = decltype(pick<S, Depth>());
};

// The points: the tails and the zeros of bases (0 for x and for y), both signs.
constexpr std::array<double, 13> coordinates = {-800.0, -40.0, -3.0, -1.0, -0.5, -0.0, 0.0,
                                                0.25,   1.0,   2.0,  3.5,  40.0, 800.0};

// Both compute the same derivative, rounded in different orders: D as one
// canonical expression, reverse mode as a sum of products of local
// derivatives. Relative to |D| + 1 (so that a partial near 0, where both
// are sums whose terms cancel, is compared on the scale of 1), the largest
// difference measured over the ~75,000 partials is 2.8e-15, about 13 ulps;
// the tolerance leaves a factor of ~350 for other compilers and libms.
constexpr double tolerance = 1e-12;

struct tally {
    std::size_t expressions = 0, points = 0, undefined = 0, compared = 0, d_not_finite = 0, gradient_differs_there = 0;
    double worst = 0.0;
    std::string worst_where;
    // D finite, the gradient NaN or infinite: D's canonical form cancelled a
    // 0 * inf that reverse mode multiplies out (docs/gradients.md). Each
    // partial of each expression once, with the number of its points.
    std::size_t cancelled = 0;
    std::string cancelled_list;
};

template <class E>
void check(tally& t, std::uint64_t seed) {
    ++t.expressions;
    std::size_t cancelled_here[2] = {0, 0};
    std::string first_cancelled[2];
    for (double x : coordinates) {
        for (double y : coordinates) {
            ++t.points;
            const auto p = point(at<X>(x), at<Y>(y));  // E, or a partial, may lack a variable
            if (std::isnan(eval<E>(p))) {
                // E itself is undefined there (sqrt(cbrt(x))^y at x < 0), but D,
                // canonical, may have a value: its form can be defined on a
                // larger domain ((x^(1/6))^y is x^(y/6)). Nothing to compare.
                ++t.undefined;
                continue;
            }
            const auto g = eval<Gradient<E, X, Y>>(p);
            const double d[2] = {eval<D<E, X>>(p), eval<D<E, Y>>(p)};
            for (int k = 0; k < 2; ++k) {
                char where[512];
                std::snprintf(where, sizeof where, "seed %llu, d/d%c %s at x = %g, y = %g: D %.17g, Gradient %.17g",
                              static_cast<unsigned long long>(seed), k == 0 ? 'x' : 'y', to_text<E>().c_str(), x, y,
                              d[k], g[k]);
                if (!std::isfinite(d[k])) {
                    ++t.d_not_finite;
                    const bool same = std::isnan(d[k]) ? std::isnan(g[k]) : d[k] == g[k];
                    if (!same) ++t.gradient_differs_there;
                    continue;
                }
                if (!std::isfinite(g[k])) {
                    ++t.cancelled;
                    if (cancelled_here[k]++ == 0) first_cancelled[k] = where;
                    continue;
                }
                ++t.compared;
                const double error = std::abs(g[k] - d[k]) / (std::abs(d[k]) + 1.0);
                if (!(error <= tolerance)) BOOST_ERROR(where);
                if (!(error <= t.worst)) {
                    t.worst = std::isnan(error) ? INFINITY : error;
                    t.worst_where = where;
                }
            }
        }
    }
    for (int k = 0; k < 2; ++k)
        if (cancelled_here[k] != 0)
            t.cancelled_list +=
                "  " + first_cancelled[k] + " (and " + std::to_string(cancelled_here[k] - 1) + " more points)\n";
}

template <std::uint64_t Base, std::size_t... I>
void check_all(tally& t, std::index_sequence<I...>) {
    (check<gen_t<next(Base + I), 3>>(t, Base + I), ...);
}

// The batches, each checking 100 expressions (gradient_agreement_batch*.cpp).
void batch_1(tally& t);
void batch_2(tally& t);

}  // namespace agreement
