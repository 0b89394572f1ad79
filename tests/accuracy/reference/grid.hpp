#pragma once

// The reference data of one function (tests/accuracy/reference/<name>.hpp,
// written by scripts/gen_high_order_reference.py): its grid of points and its
// derivatives of orders 0 to max_order at each, rounded to doubles.

#include <array>
#include <cstddef>

namespace high_order_reference {

inline constexpr int max_order = 20;

template <std::size_t P>
struct grid {
    std::array<double, P> points;
    std::array<std::array<double, P>, max_order + 1> values;  // values[n][i]: the n-th derivative at points[i]
};

}  // namespace high_order_reference
