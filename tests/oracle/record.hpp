// The oracle's records: an expression, its two spellings, its points and
// what chainrule computed there. Kept apart from chainrule (oracle.hpp), so
// that the GiNaC side and the list of parts compile without it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace oracle {

inline constexpr std::size_t point_count = 4;
inline constexpr std::size_t quantity_count = 5;  // f, df/dx, df/dy, d2f/dxdy, d2f/dx2

using points = std::array<std::array<double, 3>, point_count>;               // (x, y, z) each
using values = std::array<std::array<double, quantity_count>, point_count>;  // [point][quantity]

/// One expression: where it came from, its two spellings and what chainrule
/// computed.
struct record {
    std::uint64_t index;
    const char* spelling;  // as written in the generated part
    const char* ginac;     // the same for GiNaC's parser
    points at;
    values at_compile_time;
    values at_run_time;
};

/// The seed and the number of expressions, from the generated parts.
extern const std::uint64_t seed;
extern const std::size_t count;
std::vector<record> all_records();

/// A number the compiler cannot know (1.0, set in oracle_test.cpp): the
/// points times it are run-time values, so the evaluation cannot be folded.
extern double run_time_one;

}  // namespace oracle
