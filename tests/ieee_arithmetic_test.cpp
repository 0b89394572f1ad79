// math/detail/ieee.hpp: a + b, a - b, a * b and a / b during constant
// evaluation are the run-time IEEE results, bit for bit, over every pair of
// special and boundary values (NaN, infinities, signed zeros, the largest,
// the smallest normal and subnormal numbers, numbers whose product, quotient
// or sum lands next to overflow), in float, double and long double.
#include <chainrule/math.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <limits>

namespace {

namespace m = chainrule::math::detail;

template <class T>
constexpr std::array<T, 22> operands() {
    using L = std::numeric_limits<T>;
    const T max = L::max();
    return {L::quiet_NaN(),
            L::infinity(),
            -L::infinity(),
            T(0),
            -T(0),
            L::denorm_min(),
            -L::denorm_min(),
            L::min(),
            T(1),
            T(-1),
            T(0.5),
            T(2),
            T(3),
            max,
            -max,
            max / 2,
            max / 3,
            max / 4 * 3,
            T(1) / max,
            T(1.5),
            -T(0.75),
            T(4) / max};
}

template <class T>
struct results {
    std::array<T, 22 * 22> sum, difference, product, quotient;
};

template <class T>
constexpr results<T> compute() {
    constexpr auto v = operands<T>();
    results<T> r{};
    for (std::size_t i = 0; i < v.size(); ++i) {
        for (std::size_t j = 0; j < v.size(); ++j) {
            const std::size_t k = i * v.size() + j;
            r.sum[k] = m::ieee_add(v[i], v[j]);
            r.difference[k] = m::ieee_sub(v[i], v[j]);
            r.product[k] = m::ieee_mul(v[i], v[j]);
            r.quotient[k] = m::ieee_div(v[i], v[j]);
        }
    }
    return r;
}

template <class T>
bool same(T a, T b) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    return a == b && std::signbit(a) == std::signbit(b);
}

template <class T>
int check(const char* type) {
    constexpr results<T> constant = compute<T>();  // constant evaluation
    volatile int keep = 0;                         // (the run-time loop is not folded)
    const results<T> runtime = [&] {
        results<T> r{};
        auto v = operands<T>();
        for (std::size_t i = keep; i < v.size(); ++i) {
            for (std::size_t j = 0; j < v.size(); ++j) {
                const std::size_t k = i * v.size() + j;
                r.sum[k] = v[i] + v[j];
                r.difference[k] = v[i] - v[j];
                r.product[k] = v[i] * v[j];
                r.quotient[k] = v[i] / v[j];
            }
        }
        return r;
    }();
    int failures = 0;
    const auto v = operands<T>();
    for (std::size_t k = 0; k < v.size() * v.size(); ++k) {
        const char* what = nullptr;
        if (!same(constant.sum[k], runtime.sum[k])) what = "+";
        if (!same(constant.difference[k], runtime.difference[k])) what = "-";
        if (!same(constant.product[k], runtime.product[k])) what = "*";
        if (!same(constant.quotient[k], runtime.quotient[k])) what = "/";
        if (what != nullptr) {
            std::printf("%s: %La %s %La differs between constant evaluation and run time\n", type,
                        static_cast<long double>(v[k / v.size()]), what, static_cast<long double>(v[k % v.size()]));
            ++failures;
        }
    }
    return failures;
}

}  // namespace

int main() {
    const int failures = check<float>("float") + check<double>("double") + check<long double>("long double");
    std::printf("%d of %zu results differ\n", failures, std::size_t{3 * 4 * 22 * 22});
    return failures == 0 ? 0 : 1;
}
