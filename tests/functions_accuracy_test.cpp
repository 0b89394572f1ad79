// Accuracy of every built-in function of one argument, its value and its
// first two derivatives (the library's rules, differentiated by D), against
// mpmath (tests/functions_reference.hpp, made by
// scripts/gen_function_reference.py): values to 4 ulp, derivatives to 1e-13
// relative, in constant evaluation (static_assert) and at run time (<cmath>).
// Functions of two arguments: the value, both partials and the second
// partials by each argument. The run-time test prints the table of
// docs/guide.md, section 9.
#include <boost/test/unit_test.hpp>

#include <chainrule.hpp>

#include <bit>
#include <cstdint>
#include <cstdio>
#include <type_traits>

#include "functions_reference.hpp"

using namespace chainrule;
using ref_point = function_reference::point;

namespace {

// The distance in doubles between a and b (0 when equal, 1 for neighbours).
constexpr std::uint64_t ulps(double a, double b) {
    if (a == b) return 0;
    if (a != a || b != b) return ~std::uint64_t{0};
    auto key = [](double x) {
        const auto u = std::bit_cast<std::uint64_t>(x);
        // order the doubles as integers: negatives below positives
        return (u >> 63) != 0 ? ~u : u | (std::uint64_t{1} << 63);
    };
    const std::uint64_t ka = key(a), kb = key(b);
    return ka > kb ? ka - kb : kb - ka;
}

// |got - want| / |want|; a zero reference must be met exactly.
constexpr double relative(double got, double want) {
    if (want == 0) return got == 0 ? 0.0 : 1.0;
    const double d = (got - want) / want;
    return d < 0 ? -d : d;
}

struct errors {
    std::uint64_t value_ulps = 0;
    double d1 = 0, d2 = 0;
    std::size_t points = 0;
};

template <class F, class D1, class D2, std::size_t N>
constexpr errors measure(const ref_point (&points)[N], bool at_run_time) {
    errors e;
    for (const ref_point& p : points) {
        double x = p.x;
        if (at_run_time) {
            volatile double v = x;  // keep the compiler from folding at -O2
            x = v;
        }
        const std::uint64_t u = ulps(eval<F>(x), p.f);
        const double r1 = relative(eval<D1>(x), p.d1), r2 = relative(eval<D2>(x), p.d2);
        e.value_ulps = u > e.value_ulps ? u : e.value_ulps;
        e.d1 = r1 > e.d1 ? r1 : e.d1;
        e.d2 = r2 > e.d2 ? r2 : e.d2;
        ++e.points;
    }
    return e;
}

template <class Data>
constexpr errors measure(bool at_run_time) {
    using F = typename Data::template F<X>;
    return measure<F, D<F>, D<F, X, 2>>(Data::points, at_run_time);
}

constexpr bool accurate(const errors& e) {
    return e.points >= 20 && e.value_ulps <= 4 && e.d1 <= 1e-13 && e.d2 <= 1e-13;
}

// E at (x, y), binding only the variables E has (a binding of a variable an
// expression does not have is a compile error; D<Max<X, Y>, X, 2> has none).
template <class V, class... Vs>
constexpr bool has(detail::type_list<Vs...>) {
    return (std::is_same_v<V, Vs> || ...);
}
template <class E>
constexpr double at_point(double x, double y) {
    constexpr bool with_x = has<X>(variables_t<E>{}), with_y = has<Y>(variables_t<E>{});
    if constexpr (Constant<E>) return double(E::numerator) / double(E::denominator);
    else if constexpr (with_x && with_y) return eval<E>(at<X>(x), at<Y>(y));
    else if constexpr (with_x) return eval<E>(at<X>(x));
    else return eval<E>(at<Y>(y));
}

// Two arguments: the value, both partials (d1: the larger error of the two)
// and the second partials by x and by y (d2).
template <class Data>
constexpr errors measure2(bool at_run_time) {
    using F = typename Data::template F<X, Y>;
    using Fx = D<F, X>;
    using Fy = D<F, Y>;
    using Fxx = D<F, X, 2>;
    using Fyy = D<F, Y, 2>;
    errors e;
    auto worse = [](double& m, double r) { m = r > m ? r : m; };
    for (const auto& p : Data::points) {
        double x = p.x, y = p.y;
        if (at_run_time) {
            volatile double vx = x, vy = y;
            x = vx;
            y = vy;
        }
        const auto u = ulps(at_point<F>(x, y), p.f);
        e.value_ulps = u > e.value_ulps ? u : e.value_ulps;
        worse(e.d1, relative(at_point<Fx>(x, y), p.fx));
        worse(e.d1, relative(at_point<Fy>(x, y), p.fy));
        worse(e.d2, relative(at_point<Fxx>(x, y), p.fxx));
        worse(e.d2, relative(at_point<Fyy>(x, y), p.fyy));
        ++e.points;
    }
    return e;
}

// In constant evaluation (the library's constexpr math): every function,
// every point.
template <class Data>
constexpr errors compile_time = measure<Data>(false);
template <class Data>
constexpr errors compile_time2 = measure2<Data>(false);
template <class... Ds>
constexpr bool all_accurate(function_reference::list<Ds...>) {
    return (accurate(compile_time<Ds>) && ...);
}
template <class... Ds>
constexpr bool all_accurate2(function_reference::list<Ds...>) {
    return (accurate(compile_time2<Ds>) && ...);
}
static_assert(all_accurate(function_reference::all{}));
static_assert(all_accurate2(function_reference::all_two{}));

template <class... Ds, class... Ts>
bool run_time_table(function_reference::list<Ds...>, function_reference::list<Ts...>) {
    std::printf(
        "| function | points | value: max ulp (compile time, run time) | f': max relative error | f'': max "
        "relative error |\n|---|---|---|---|---|\n");
    bool ok = true;
    auto row = [&](const char* name, errors ct, errors rt) {
        std::printf("| %s | %zu | %llu, %llu | %.1e, %.1e | %.1e, %.1e |\n", name, rt.points,
                    static_cast<unsigned long long>(ct.value_ulps), static_cast<unsigned long long>(rt.value_ulps),
                    ct.d1, rt.d1, ct.d2, rt.d2);
        ok = ok && accurate(rt);
    };
    (row(Ds::name, compile_time<Ds>, measure<Ds>(true)), ...);
    (row(Ts::name, compile_time2<Ts>, measure2<Ts>(true)), ...);
    return ok;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_function_against_mpmath_at_run_time) {
    BOOST_TEST(run_time_table(function_reference::all{}, function_reference::all_two{}));
}
