// Reader of the reference data written by scripts/gen_math_reference.py.
//
// A file holds the input *segments* (ranges sampled with a seeded splitmix64,
// regenerated here exactly as the script does), a list of explicit hard
// inputs, and the correctly rounded result of every point.  See the script for
// the layout.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace chainrule_math_test {

struct splitmix64 {
    std::uint64_t s;
    std::uint64_t next() {
        s += 0x9E3779B97F4A7C15ull;
        std::uint64_t z = s;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
};

template <class T>
using bits_t = std::conditional_t<sizeof(T) == 8, std::uint64_t, std::uint32_t>;

template <class T>
struct dataset {
    std::size_t arity = 1;
    std::vector<std::array<T, 2>> inputs;
    std::vector<T> expected;
};

template <class T>
dataset<T> load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    auto u64 = [&] {
        std::uint64_t v = 0;
        in.read(reinterpret_cast<char*>(&v), sizeof v);
        return v;
    };
    auto val = [&] {
        T v{};
        in.read(reinterpret_cast<char*>(&v), sizeof v);
        return v;
    };
    char magic[8];
    in.read(magic, 8);
    if (std::memcmp(magic, "CRMATH01", 8) != 0) throw std::runtime_error("bad magic in " + path);
    dataset<T> d;
    d.arity = u64();
    splitmix64 rng{u64()};
    const std::uint64_t nseg = u64();
    const std::uint64_t nextra = u64();
    struct arg_range {
        T lo, hi;
        std::uint64_t sign;
    };
    for (std::uint64_t s = 0; s < nseg; ++s) {
        const std::uint64_t count = u64();
        std::array<arg_range, 2> ar{};
        for (std::size_t a = 0; a < d.arity; ++a) {
            ar[a].lo = val();
            ar[a].hi = val();
            ar[a].sign = u64();
        }
        // generate exactly like gen_inputs() in the script
        if constexpr (sizeof(T) > 8) {
            throw std::runtime_error("long double data stores its inputs: " + path);
        } else {
            for (std::uint64_t i = 0; i < count; ++i) {
                std::array<T, 2> pt{};
                for (std::size_t a = 0; a < d.arity; ++a) {
                    const std::uint64_t blo = std::bit_cast<bits_t<T>>(ar[a].lo);
                    const std::uint64_t bhi = std::bit_cast<bits_t<T>>(ar[a].hi);
                    const std::uint64_t r = rng.next();
                    const auto b = static_cast<bits_t<T>>(blo + r % (bhi - blo + 1));
                    T v = std::bit_cast<T>(b);
                    if (ar[a].sign == 1 || (ar[a].sign == 2 && (rng.next() & 1))) v = -v;
                    pt[a] = v;
                }
                d.inputs.push_back(pt);
            }
        }
    }
    for (std::uint64_t i = 0; i < nextra; ++i) {
        std::array<T, 2> pt{};
        for (std::size_t a = 0; a < d.arity; ++a) pt[a] = val();
        d.inputs.push_back(pt);
    }
    d.expected.resize(d.inputs.size());
    for (auto& e : d.expected) e = val();
    if (!in) throw std::runtime_error("truncated file " + path);
    return d;
}

/// Distance in representable numbers between a and b (0: identical, 1:
/// neighbours).  Infinities are one step beyond the largest finite number;
/// two NaNs are at distance 0, a NaN and a number at "infinite" distance.
template <class T>
std::uint64_t ulp_distance(T a, T b) {
    if (a != a || b != b) return (a != a && b != b) ? 0 : UINT64_MAX;
    if constexpr (sizeof(T) > 8) {
        // long double (run time only): |a - b| in units of the spacing at b
        if (std::isinf(a) || std::isinf(b)) return a == b ? 0 : UINT64_MAX;
        if (a == b) return 0;
        const int e = std::max(b == 0 ? -16445 : std::ilogb(b), -16382) - 63;
        const long double dist = std::fabs(a - b) / std::ldexp(1.0L, e);
        return dist > 1e18L ? UINT64_MAX : static_cast<std::uint64_t>(dist + 0.5L);
    } else {
        auto ord = [](T x) -> std::int64_t {
            const auto u = static_cast<std::int64_t>(std::bit_cast<bits_t<T>>(x));
            constexpr std::int64_t sign = std::int64_t{1} << (sizeof(T) * 8 - 1);
            return (u & sign) ? -(u & ~sign) : u;
        };
        const std::int64_t d = ord(a) - ord(b);
        return static_cast<std::uint64_t>(d < 0 ? -d : d);
    }
}

}  // namespace chainrule_math_test
