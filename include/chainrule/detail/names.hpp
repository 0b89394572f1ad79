#pragma once

#include "chainrule/expression.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>

// Variable names as values: compared on every character, sorted once, looked
// up by binary search. The graph, the bindings and the reverse sweep all find
// variables this way, in O(log n) constexpr steps per lookup.
namespace chainrule::detail {

// The decimal digits of u written at out (at most 20; no terminator), and
// how many: the one digit writer of names, printed numbers and order keys.
constexpr std::size_t write_decimal(unsigned long long u, char* out) {
    char reversed[20]{};
    std::size_t n = 0;
    do {
        reversed[n++] = static_cast<char>('0' + u % 10);
        u /= 10;
    } while (u != 0);
    for (std::size_t k = 0; k < n; ++k) out[k] = reversed[n - 1 - k];
    return n;
}
// Where evaluation finds a bound value: in which array of the point (0, its
// own copies, or a family bound by reference) and where in it, as one
// number. (Each array may hold 2^32 values, 2^16 on a 32-bit target.)
inline constexpr std::size_t location_shift = sizeof(std::size_t) * 4;
constexpr std::size_t value_location(std::size_t base, std::size_t offset) { return base << location_shift | offset; }
template <class T>
constexpr const T& bound_value(const T* const* bases, std::size_t location) {
    return bases[location >> location_shift][location & ((std::size_t(1) << location_shift) - 1)];
}

// |n| as an unsigned number (n may be LLONG_MIN).
constexpr unsigned long long magnitude_of(long long n) {
    return n < 0 ? 0ULL - static_cast<unsigned long long>(n) : static_cast<unsigned long long>(n);
}

// Names compared on every character (Var<"a"> and Var<"a\0b"> differ), then
// by indices: w < w[0] < w[0][1] < w[1].
constexpr int compare_names(const var_name& a, const var_name& b) {
    for (std::size_t i = 0; i < var_name::capacity + 1; ++i) {
        const auto x = static_cast<unsigned char>(a.chars[i]), y = static_cast<unsigned char>(b.chars[i]);
        if (x != y) return x < y ? -1 : 1;
    }
    for (std::size_t k = 0; k < a.rank && k < b.rank; ++k)
        if (a.indices[k] != b.indices[k]) return a.indices[k] < b.indices[k] ? -1 : 1;
    return a.rank == b.rank ? 0 : (a.rank < b.rank ? -1 : 1);
}

/// A variable's name as text, "w" or "w[1][2]", in a fixed buffer.
struct name_text {
    static constexpr std::size_t capacity = var_name::capacity + var_name::max_indices * 22;
    char chars[capacity + 1]{};
    std::size_t size = 0;
    constexpr const char* c_str() const { return chars; }
};
constexpr name_text text_of(const var_name& name) {
    name_text t;
    for (std::size_t i = 0; i < var_name::capacity && name.chars[i] != '\0'; ++i) t.chars[t.size++] = name.chars[i];
    for (std::size_t k = 0; k < name.rank; ++k) {
        t.chars[t.size++] = '[';
        t.size += write_decimal(name.indices[k], t.chars + t.size);
        t.chars[t.size++] = ']';
    }
    return t;
}

// The variable type whose name is N: Var<"w", 1, 2> from the name of w[1][2].
// (A class, not an alias over N's members: GCC 12 crashes on the alias.)
template <var_name N>
struct variable_from_name {
    static constexpr var_name base = [] {
        var_name b = N;
        b.rank = 0;
        for (auto& i : b.indices) i = 0;
        return b;
    }();
    template <std::size_t... K>
    static auto make(std::index_sequence<K...>) -> Var<base, N.indices[K]...>;
    using type = decltype(make(std::make_index_sequence<N.rank>{}));
};
template <var_name N>
using variable_t = typename variable_from_name<N>::type;

struct named_position {
    var_name name{'\0'};
    std::size_t position = 0;
    std::uint64_t digest = 0;  // set by sorted_by_name
};

// A digest of a name, from all its characters and indices: tables of names
// are ordered by it first, so that sorting and looking up n names costs
// O(n log n) comparisons of two integers, not of two names (a Gradient by
// 1,089 parameters sorts and searches them several times, within Clang's
// budget of constexpr steps). Equal digests fall back to compare_names.
constexpr std::uint64_t name_digest(const var_name& n) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (std::size_t i = 0; i < var_name::capacity + 1; ++i)
        h = (h ^ static_cast<unsigned char>(n.chars[i])) * 0x100000001b3ULL;
    h = (h ^ n.rank) * 0x100000001b3ULL;
    for (std::size_t k = 0; k < n.rank; ++k) h = (h ^ n.indices[k]) * 0x100000001b3ULL;
    return h;
}
constexpr int compare_entries(std::uint64_t da, const var_name& a, std::uint64_t db, const var_name& b) {
    if (da != db) return da < db ? -1 : 1;
    return compare_names(a, b);
}

// Sorts by digest, then name (heapsort: no <algorithm>, O(n log n) in
// constant evaluation). The order serves lookups only (find_name). It sorts
// positions, not the entries, through plain pointers: Clang bounds the steps
// of one constant evaluation (1,048,576 by default) and counts every call of
// std::array::operator[] and every copy of an entry; sorting the entries
// themselves ran out of steps at 2,049 names (the flat sum of 1,024 weighted
// inputs), this takes about a third as many.
template <std::size_t N>
constexpr std::array<named_position, N> sorted_by_name(std::array<named_position, N> a) {
    named_position* const p = a.data();
    for (std::size_t i = 0; i < N; ++i) p[i].digest = name_digest(p[i].name);
    if constexpr (N < 2) {
        return a;
    } else {
        std::size_t order[N];
        for (std::size_t i = 0; i < N; ++i) order[i] = i;
        auto less = [p](std::size_t x, std::size_t y) {  // compare_entries < 0, written out
            return p[x].digest != p[y].digest ? p[x].digest < p[y].digest : compare_names(p[x].name, p[y].name) < 0;
        };
        auto sift = [&](std::size_t root, std::size_t end) {
            const std::size_t moving = order[root];
            for (std::size_t child = 2 * root + 1; child < end; child = 2 * root + 1) {
                if (child + 1 < end && less(order[child], order[child + 1])) ++child;
                if (!less(moving, order[child])) break;
                order[root] = order[child];
                root = child;
            }
            order[root] = moving;
        };
        for (std::size_t i = N / 2; i-- > 0;) sift(i, N);
        for (std::size_t end = N; end-- > 1;) {
            const std::size_t t = order[0];
            order[0] = order[end];
            order[end] = t;
            sift(0, end);
        }
        std::array<named_position, N> out{};
        for (std::size_t i = 0; i < N; ++i) out[i] = p[order[i]];
        return out;
    }
}

// The index of a name in a table of n names from sorted_by_name, or n.
constexpr std::size_t find_name(const named_position* sorted, std::size_t n, const var_name& name) {
    const std::uint64_t d = name_digest(name);
    std::size_t lo = 0, hi = n;
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        const int c = compare_entries(sorted[mid].digest, sorted[mid].name, d, name);
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
