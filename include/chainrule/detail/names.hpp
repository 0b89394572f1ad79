#pragma once

#include "chainrule/expression.hpp"

#include <array>
#include <cstddef>

// Variable names as values: compared on every character, sorted once, looked
// up by binary search. The graph, the bindings and the reverse sweep all find
// variables this way, in O(log n) constexpr steps per lookup.
namespace chainrule::detail {

// Names compared on every character (Var<"a"> and Var<"a\0b"> differ).
constexpr int compare_names(const var_name& a, const var_name& b) {
    for (std::size_t i = 0; i < var_name::capacity + 1; ++i) {
        const auto x = static_cast<unsigned char>(a.chars[i]), y = static_cast<unsigned char>(b.chars[i]);
        if (x != y) return x < y ? -1 : 1;
    }
    return 0;
}

struct named_position {
    var_name name{'\0'};
    std::size_t position = 0;
};

// Sorts by name (heapsort: no <algorithm>, O(n log n) in constant evaluation).
template <std::size_t N>
constexpr std::array<named_position, N> sorted_by_name(std::array<named_position, N> a) {
    auto less = [](const named_position& x, const named_position& y) { return compare_names(x.name, y.name) < 0; };
    auto sift = [&](std::size_t root, std::size_t end) {
        for (;;) {
            std::size_t child = 2 * root + 1;
            if (child >= end) return;
            if (child + 1 < end && less(a[child], a[child + 1])) ++child;
            if (!less(a[root], a[child])) return;
            const named_position t = a[root];
            a[root] = a[child];
            a[child] = t;
            root = child;
        }
    };
    for (std::size_t i = N / 2; i-- > 0;) sift(i, N);
    for (std::size_t end = N; end-- > 1;) {
        const named_position t = a[0];
        a[0] = a[end];
        a[end] = t;
        sift(0, end);
    }
    return a;
}

// The index of a name in a sorted table of n names, or n.
constexpr std::size_t find_name(const named_position* sorted, std::size_t n, const var_name& name) {
    std::size_t lo = 0, hi = n;
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        const int c = compare_names(sorted[mid].name, name);
        if (c == 0) return mid;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return n;
}
template <std::size_t N>
constexpr std::size_t find_name(const std::array<named_position, N>& sorted, const var_name& name) {
    return find_name(sorted.data(), N, name);
}

}  // namespace chainrule::detail
