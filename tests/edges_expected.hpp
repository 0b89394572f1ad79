// The expected edges of tests/edges_test.cpp, and the source of docs/edges.md
// (edges_test --markdown prints the page from this file).
//
// One row per built-in function (in the order of edges_test.cpp), thirty
// cells: the value of the function, then of its first and second derivative,
// each at NaN, -inf, -800, -40, -0, +0, denorm_min, 40, 800, +inf. A cell is
//   N      NaN
//   E      a domain error: NaN at run time, a compile error in constant
//          evaluation
//   I, -I  +inf, -inf
//   V(x)   the number x (exactly, as a hexadecimal literal; zeros with their
//          sign)
// The cells were printed by `edges_test --header` from the library's run-time
// values and reviewed against <cmath> and PyTorch; the known differences from
// those conventions are at the end, with their reasons.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <limits>

namespace edges {

struct cell {
    enum kind_t { number, nan, domain_error } kind = number;
    double value = 0;

    static constexpr cell of(double v) { return v != v ? cell{nan, 0} : cell{number, v}; }
    static constexpr cell compile_error() { return {domain_error, 0}; }

    // Infinities and zeros (with their sign) exactly; other numbers within 16
    // ulps: <cmath> at run time and chainrule::math during constant evaluation
    // may differ by an ulp (docs/math.md), and a derivative raises such a
    // value to a power (cbrt(x)^5 in the second derivative of cbrt: 10 ulps
    // apart at 800 between glibc and chainrule::math).
    constexpr bool near(double v) const {
        const double inf = std::numeric_limits<double>::infinity();
        if (value == inf || value == -inf || value == 0 || v == inf || v == -inf || v == 0)
            return v == value && std::bit_cast<std::uint64_t>(v) >> 63 == std::bit_cast<std::uint64_t>(value) >> 63;
        const double a = value < 0 ? -value : value;
        const double d = v < value ? value - v : v - value;
        const double ulp = std::numeric_limits<double>::epsilon() * a;
        return d <=
               16 * (ulp > std::numeric_limits<double>::denorm_min() ? ulp : std::numeric_limits<double>::denorm_min());
    }
    constexpr bool matches_constant(const cell& got) const {
        if (kind == domain_error || got.kind == domain_error) return kind == got.kind;
        if (kind == nan || got.kind == nan) return kind == got.kind;
        return near(got.value);
    }
    constexpr bool matches_runtime(const cell& got) const {
        if (kind == domain_error || kind == nan) return got.kind == nan;
        return got.kind == number && near(got.value);
    }
};

constexpr cell operator-(cell c) {
    c.value = -c.value;
    return c;
}
inline constexpr cell N{cell::nan, 0};
inline constexpr cell E{cell::domain_error, 0};
inline constexpr cell I{cell::number, std::numeric_limits<double>::infinity()};
constexpr cell V(double x) { return {cell::number, x}; }

// clang-format off
inline constexpr std::array<std::array<cell, 30>, 40> expected = {{
    // Exp<X>
    {{N, V(0x0p+0), V(0x0p+0), V(0x1.39792499b1a24p-58), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1.a220d397972ebp+57), I, I,
     N, V(0x0p+0), V(0x0p+0), V(0x1.39792499b1a24p-58), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1.a220d397972ebp+57), I, I,
     N, V(0x0p+0), V(0x0p+0), V(0x1.39792499b1a24p-58), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1.a220d397972ebp+57), I, I}},
    // Exp2<X>
    {{N, V(0x0p+0), V(0x1p-800), V(0x1p-40), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1p+40), V(0x1p+800), I,
     N, V(0x0p+0), V(0x1.62e42fefa39efp-801), V(0x1.62e42fefa39efp-41), V(0x1.62e42fefa39efp-1), V(0x1.62e42fefa39efp-1), V(0x1.62e42fefa39efp-1), V(0x1.62e42fefa39efp+39), V(0x1.62e42fefa39efp+799), I,
     N, V(0x0p+0), V(0x1.ebfbdff82c58ep-802), V(0x1.ebfbdff82c58ep-42), V(0x1.ebfbdff82c58ep-2), V(0x1.ebfbdff82c58ep-2), V(0x1.ebfbdff82c58ep-2), V(0x1.ebfbdff82c58ep+38), V(0x1.ebfbdff82c58ep+798), I}},
    // Expm1<X>
    {{N, V(-0x1p+0), V(-0x1p+0), V(-0x1p+0), V(-0x0p+0), V(0x0p+0), V(0x0.0000000000001p-1022), V(0x1.a220d397972eap+57), I, I,
     N, V(0x0p+0), V(0x0p+0), V(0x1.39792499b1a24p-58), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1.a220d397972ebp+57), I, I,
     N, V(0x0p+0), V(0x0p+0), V(0x1.39792499b1a24p-58), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1.a220d397972ebp+57), I, I}},
    // Log<X>
    {{N, E, E, E, -I, -I, V(-0x1.74385446d71c3p+9), V(0x1.d82d33b32720dp+1), V(0x1.abd0adb532acfp+2), I,
     N, V(-0x0p+0), V(-0x1.47ae147ae147bp-10), V(-0x1.999999999999ap-6), -I, I, I, V(0x1.999999999999ap-6), V(0x1.47ae147ae147bp-10), V(0x0p+0),
     N, V(-0x0p+0), V(-0x1.a36e2eb1c432dp-20), V(-0x1.47ae147ae147bp-11), -I, -I, -I, V(-0x1.47ae147ae147bp-11), V(-0x1.a36e2eb1c432dp-20), V(-0x0p+0)}},
    // Log2<X>
    {{N, E, E, E, -I, -I, V(-0x1.0c8p+10), V(0x1.549a784bcd1b9p+2), V(0x1.349a784bcd1b9p+3), I,
     N, V(-0x0p+0), V(-0x1.d8be0817f5ffdp-10), V(-0x1.2776c50ef9bfep-5), -I, I, I, V(0x1.2776c50ef9bfep-5), V(0x1.d8be0817f5ffdp-10), V(0x0p+0),
     N, V(-0x0p+0), V(-0x1.2e8e19a8ef5c1p-19), V(-0x1.d8be0817f5ffdp-11), -I, -I, -I, V(-0x1.d8be0817f5ffdp-11), V(-0x1.2e8e19a8ef5c1p-19), V(-0x0p+0)}},
    // Log10<X>
    {{N, E, E, E, -I, -I, V(-0x1.434e6420f4374p+8), V(0x1.9a209a84fbdp+0), V(0x1.739873e3bcdcp+1), I,
     N, V(-0x0p+0), V(-0x1.1c9e85f750d79p-11), V(-0x1.63c62775250d7p-7), -I, I, I, V(0x1.63c62775250d7p-7), V(0x1.1c9e85f750d79p-11), V(0x0p+0),
     N, V(-0x0p+0), V(-0x1.6c5007a2f6d68p-21), V(-0x1.1c9e85f750d79p-12), -I, -I, -I, V(-0x1.1c9e85f750d79p-12), V(-0x1.6c5007a2f6d68p-21), V(-0x0p+0)}},
    // Log1p<X>
    {{N, E, E, E, V(-0x0p+0), V(0x0p+0), V(0x0.0000000000001p-1022), V(0x1.db565458eac4ep+1), V(0x1.abe5255050c7cp+2), I,
     N, V(-0x0p+0), V(-0x1.4817119f3d325p-10), V(-0x1.a41a41a41a41ap-6), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1.8f9c18f9c18fap-6), V(0x1.47455a726abf2p-10), V(0x0p+0),
     N, V(-0x0p+0), V(-0x1.a47b1f3c38a47p-20), V(-0x1.58b31509ee28cp-11), V(-0x1p+0), V(-0x1p+0), V(-0x1p+0), V(-0x1.37e3fa847e18bp-11), V(-0x1.a2623fda2e567p-20), V(-0x0p+0)}},
    // Sqrt<X>
    {{N, E, E, E, V(-0x0p+0), V(0x0p+0), V(0x1p-537), V(0x1.94c583ada5b53p+2), V(0x1.c48c6001f0acp+4), I,
     N, E, E, E, -I, I, V(0x1p+536), V(0x1.43d136248490fp-4), V(0x1.21a1851ff630ap-6), V(0x0p+0),
     N, E, E, E, I, -I, -I, V(-0x1.030dc4ea03a71p-10), V(-0x1.72ba43fff3716p-17), V(-0x0p+0)}},
    // Cbrt<X>
    {{N, -I, V(-0x1.290fca9c761f7p+3), V(-0x1.b5c0fbcfec4d3p+1), V(-0x0p+0), V(0x0p+0), V(0x1.fffffffffffffp-359), V(0x1.b5c0fbcfec4d3p+1), V(0x1.290fca9c761f7p+3), I,
     N, V(0x0p+0), V(0x1.fafc3b11daa9ep-9), V(0x1.d2effb887385bp-6), I, I, V(0x1.5555555555557p+714), V(0x1.d2effb887385bp-6), V(0x1.fafc3b11daa9ep-9), V(0x0p+0),
     N, V(0x0p+0), V(0x1.b0a09fa202461p-19), V(0x1.f2110c4d48063p-12), I, -I, -I, V(-0x1.f2110c4d48063p-12), V(-0x1.b0a09fa202461p-19), V(-0x0p+0)}},
    // Sin<X>
    {{N, E, V(-0x1.c9b663c53ee3ep-1), V(-0x1.7d7f78e027fp-1), V(-0x0p+0), V(0x0p+0), V(0x0.0000000000001p-1022), V(0x1.7d7f78e027fp-1), V(0x1.c9b663c53ee3ep-1), E,
     N, E, V(-0x1.cae1f056d3e76p-2), V(-0x1.5578e7d68218fp-1), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(-0x1.5578e7d68218fp-1), V(-0x1.cae1f056d3e76p-2), E,
     N, E, V(0x1.c9b663c53ee3ep-1), V(0x1.7d7f78e027fp-1), V(0x0p+0), V(-0x0p+0), V(-0x0.0000000000001p-1022), V(-0x1.7d7f78e027fp-1), V(-0x1.c9b663c53ee3ep-1), E}},
    // Cos<X>
    {{N, E, V(-0x1.cae1f056d3e76p-2), V(-0x1.5578e7d68218fp-1), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(-0x1.5578e7d68218fp-1), V(-0x1.cae1f056d3e76p-2), E,
     N, E, V(0x1.c9b663c53ee3ep-1), V(0x1.7d7f78e027fp-1), V(0x0p+0), V(-0x0p+0), V(-0x0.0000000000001p-1022), V(-0x1.7d7f78e027fp-1), V(-0x1.c9b663c53ee3ep-1), E,
     N, E, V(0x1.cae1f056d3e76p-2), V(0x1.5578e7d68218fp-1), V(-0x1p+0), V(-0x1p+0), V(-0x1p+0), V(0x1.5578e7d68218fp-1), V(0x1.cae1f056d3e76p-2), E}},
    // Tan<X>
    {{N, E, V(0x1.feb1c6e59e368p+0), V(0x1.1e01cc36ebc8cp+0), V(-0x0p+0), V(0x0p+0), V(0x0.0000000000001p-1022), V(-0x1.1e01cc36ebc8cp+0), V(-0x1.feb1c6e59e368p+0), E,
     N, E, V(0x1.3eb233fbe19b8p+2), V(0x1.1fc40226f915p+1), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1.1fc40226f915p+1), V(0x1.3eb233fbe19b8p+2), E,
     N, E, V(0x1.3de22a30b596fp+4), V(0x1.417effb97a869p+2), V(-0x0p+0), V(0x0p+0), V(0x0.0000000000002p-1022), V(-0x1.417effb97a869p+2), V(-0x1.3de22a30b596fp+4), E}},
    // Asin<X>
    {{N, E, E, E, V(-0x0p+0), V(0x0p+0), V(0x0.0000000000001p-1022), E, E, E,
     N, E, E, E, V(0x1p+0), V(0x1p+0), V(0x1p+0), E, E, E,
     N, N, E, E, V(-0x0p+0), V(0x0p+0), V(0x0.0000000000001p-1022), E, E, N}},
    // Acos<X>
    {{N, E, E, E, V(0x1.921fb54442d18p+0), V(0x1.921fb54442d18p+0), V(0x1.921fb54442d18p+0), E, E, E,
     N, E, E, E, V(-0x1p+0), V(-0x1p+0), V(-0x1p+0), E, E, E,
     N, N, E, E, V(0x0p+0), V(-0x0p+0), V(-0x0.0000000000001p-1022), E, E, N}},
    // Atan<X>
    {{N, V(-0x1.921fb54442d18p+0), V(-0x1.91cdc9c1efecfp+0), V(-0x1.8bb9a63718f45p+0), V(-0x0p+0), V(0x0p+0), V(0x0.0000000000001p-1022), V(0x1.8bb9a63718f45p+0), V(0x1.91cdc9c1efecfp+0), V(0x1.921fb54442d18p+0),
     N, V(0x0p+0), V(0x1.a36e03beaad45p-20), V(0x1.4779af172f7d8p-11), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1.4779af172f7d8p-11), V(0x1.a36e03beaad45p-20), V(0x0p+0),
     N, N, V(0x1.0c6f4311a796ep-28), V(0x1.05d10e76a25efp-15), V(0x0p+0), V(-0x0p+0), V(-0x0.0000000000002p-1022), V(-0x1.05d10e76a25efp-15), V(-0x1.0c6f4311a796ep-28), N}},
    // Sinh<X>
    {{N, -I, -I, V(-0x1.a220d397972ebp+56), V(-0x0p+0), V(0x0p+0), V(0x0.0000000000001p-1022), V(0x1.a220d397972ebp+56), I, I,
     N, I, I, V(0x1.a220d397972ebp+56), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1.a220d397972ebp+56), I, I,
     N, -I, -I, V(-0x1.a220d397972ebp+56), V(-0x0p+0), V(0x0p+0), V(0x0.0000000000001p-1022), V(0x1.a220d397972ebp+56), I, I}},
    // Cosh<X>
    {{N, I, I, V(0x1.a220d397972ebp+56), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1.a220d397972ebp+56), I, I,
     N, -I, -I, V(-0x1.a220d397972ebp+56), V(-0x0p+0), V(0x0p+0), V(0x0.0000000000001p-1022), V(0x1.a220d397972ebp+56), I, I,
     N, I, I, V(0x1.a220d397972ebp+56), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1.a220d397972ebp+56), I, I}},
    // Tanh<X>
    {{N, V(-0x1p+0), V(-0x1p+0), V(-0x1p+0), V(-0x0p+0), V(0x0p+0), V(0x0.0000000000001p-1022), V(0x1p+0), V(0x1p+0), V(0x1p+0),
     N, V(0x0p+0), V(0x0p+0), V(0x1.7fd974d372e45p-114), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1.7fd974d372e45p-114), V(0x0p+0), V(0x0p+0),
     N, V(0x0p+0), V(0x0p+0), V(0x1.7fd974d372e45p-113), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(-0x1.7fd974d372e45p-113), V(0x0p+0), V(0x0p+0)}},
    // Asinh<X>
    {{N, -I, V(-0x1.d82d3556953f7p+2), V(-0x1.1875af0c62241p+2), V(-0x0p+0), V(0x0p+0), V(0x0.0000000000001p-1022), V(0x1.1875af0c62241p+2), V(0x1.d82d3556953f7p+2), I,
     N, V(0x0p+0), V(0x1.47ae03b3eaf0dp-10), V(0x1.9978d8ec0f9bp-6), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1.9978d8ec0f9bp-6), V(0x1.47ae03b3eaf0dp-10), V(0x0p+0),
     N, N, V(0x1.a36dee451fcb5p-20), V(0x1.475f7f89b9023p-11), V(0x0p+0), V(-0x0p+0), V(-0x0.0000000000001p-1022), V(-0x1.475f7f89b9023p-11), V(-0x1.a36dee451fcb5p-20), N}},
    // Acosh<X>
    {{N, E, E, E, E, E, E, V(0x1.18709054093bp+2), V(0x1.d82d320fb8e2p+2), I,
     N, V(0x0p+0), V(0x1.47ae2541da324p-10), V(0x1.99ba622467d12p-6), E, E, E, V(0x1.99ba622467d12p-6), V(0x1.47ae2541da324p-10), V(0x0p+0),
     N, N, V(0x1.a36e6f1e79187p-20), V(0x1.47fcc8e11ae91p-11), E, E, E, V(-0x1.47fcc8e11ae91p-11), V(-0x1.a36e6f1e79187p-20), N}},
    // Atanh<X>
    {{N, E, E, E, V(-0x0p+0), V(0x0p+0), V(0x0.0000000000001p-1022), E, E, E,
     N, V(-0x0p+0), V(-0x1.a36e59a4e65d1p-20), V(-0x1.47e28aa58b208p-11), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(-0x1.47e28aa58b208p-11), V(-0x1.a36e59a4e65d1p-20), V(-0x0p+0),
     N, V(-0x0p+0), V(-0x1.0c6fb10526fe4p-28), V(-0x1.0678d42b80808p-15), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x1.0678d42b80808p-15), V(0x1.0c6fb10526fe4p-28), V(0x0p+0)}},
    // Erf<X>
    {{N, V(-0x1p+0), V(-0x1p+0), V(-0x1p+0), V(-0x0p+0), V(0x0p+0), V(0x0.0000000000001p-1022), V(0x1p+0), V(0x1p+0), V(0x1p+0),
     N, V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x1.20dd750429b6dp+0), V(0x1.20dd750429b6dp+0), V(0x1.20dd750429b6dp+0), V(0x0p+0), V(0x0p+0), V(0x0p+0),
     N, V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(-0x0p+0), V(-0x0.0000000000002p-1022), V(-0x0p+0), V(-0x0p+0), V(-0x0p+0)}},
    // Erfc<X>
    {{N, V(0x1p+1), V(0x1p+1), V(0x1p+1), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0),
     N, V(-0x0p+0), V(-0x0p+0), V(-0x0p+0), V(-0x1.20dd750429b6dp+0), V(-0x1.20dd750429b6dp+0), V(-0x1.20dd750429b6dp+0), V(-0x0p+0), V(-0x0p+0), V(-0x0p+0),
     N, V(-0x0p+0), V(-0x0p+0), V(-0x0p+0), V(-0x0p+0), V(0x0p+0), V(0x0.0000000000002p-1022), V(0x0p+0), V(0x0p+0), V(0x0p+0)}},
    // Sigmoid<X>
    {{N, V(0x0p+0), V(0x0p+0), V(0x1.39792499b1a24p-58), V(0x1p-1), V(0x1p-1), V(0x1p-1), V(0x1p+0), V(0x1p+0), V(0x1p+0),
     N, V(0x0p+0), V(0x0p+0), V(0x1.39792499b1a24p-58), V(0x1p-2), V(0x1p-2), V(0x1p-2), V(0x1.39792499b1a24p-58), V(0x0p+0), V(0x0p+0),
     N, V(0x0p+0), V(0x0p+0), V(0x1.39792499b1a24p-58), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(-0x1.39792499b1a24p-58), V(0x0p+0), V(0x0p+0)}},
    // LogSigmoid<X>
    {{N, -I, V(-0x1.9p+9), V(-0x1.4p+5), V(-0x1.62e42fefa39efp-1), V(-0x1.62e42fefa39efp-1), V(-0x1.62e42fefa39efp-1), V(-0x1.39792499b1a24p-58), V(-0x0p+0), V(-0x0p+0),
     N, V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1p-1), V(0x1p-1), V(0x1p-1), V(0x1.39792499b1a24p-58), V(0x0p+0), V(0x0p+0),
     N, V(0x0p+0), V(0x0p+0), V(-0x1.39792499b1a24p-58), V(-0x1p-2), V(-0x1p-2), V(-0x1p-2), V(-0x1.39792499b1a24p-58), V(0x0p+0), V(0x0p+0)}},
    // Softplus<X>
    {{N, V(0x0p+0), V(0x0p+0), V(0x1.39792499b1a24p-58), V(0x1.62e42fefa39efp-1), V(0x1.62e42fefa39efp-1), V(0x1.62e42fefa39efp-1), V(0x1.4p+5), V(0x1.9p+9), I,
     N, V(0x0p+0), V(0x0p+0), V(0x1.39792499b1a24p-58), V(0x1p-1), V(0x1p-1), V(0x1p-1), V(0x1p+0), V(0x1p+0), V(0x1p+0),
     N, V(0x0p+0), V(0x0p+0), V(0x1.39792499b1a24p-58), V(0x1p-2), V(0x1p-2), V(0x1p-2), V(0x1.39792499b1a24p-58), V(0x0p+0), V(0x0p+0)}},
    // Softsign<X>
    {{N, N, V(-0x1.ff5c5d52c6caap-1), V(-0x1.f3831f3831f38p-1), V(-0x0p+0), V(0x0p+0), V(0x0.0000000000001p-1022), V(0x1.f3831f3831f38p-1), V(0x1.ff5c5d52c6caap-1), N,
     N, V(0x0p+0), V(0x1.a2623fda2e567p-20), V(0x1.37e3fa847e18bp-11), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1.37e3fa847e18bp-11), V(0x1.a2623fda2e567p-20), V(0x0p+0),
     N, V(0x0p+0), V(0x1.0b6e6bee37d39p-28), V(0x1.e6da80ced1523p-16), V(-0x0p+0), V(-0x0p+0), V(-0x1p+1), V(-0x1.e6da80ced1523p-16), V(-0x1.0b6e6bee37d39p-28), V(-0x0p+0)}},
    // Silu<X>
    {{N, N, V(-0x0p+0), V(-0x1.87d76dc01e0adp-53), V(-0x0p+0), V(0x0p+0), V(0x0p+0), V(0x1.4p+5), V(0x1.9p+9), I,
     N, N, V(0x0p+0), V(-0x1.7e0ba49b507dcp-53), V(0x1p-1), V(0x1p-1), V(0x1p-1), V(0x1.0000000000001p+0), V(0x1p+0), N,
     N, N, V(0x0p+0), V(-0x1.743fdb7682f0bp-53), V(0x1p-1), V(0x1p-1), V(0x1p-1), V(-0x1.743fdb7682f0bp-53), V(0x0p+0), N}},
    // Gelu<X>
    {{N, N, V(-0x0p+0), V(-0x0p+0), V(-0x0p+0), V(0x0p+0), V(0x0p+0), V(0x1.4p+5), V(0x1.9p+9), I,
     N, V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x1p-1), V(0x1p-1), V(0x1p-1), V(0x1p+0), V(0x1p+0), V(0x1p+0),
     N, V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x1.9884533d4365p-1), V(0x1.9884533d4365p-1), V(0x1.9884533d4365p-1), V(0x0p+0), V(0x0p+0), V(0x0p+0)}},
    // Elu<X>
    {{N, V(-0x1p+0), V(-0x1p+0), V(-0x1p+0), V(-0x0p+0), V(0x0p+0), V(0x0.0000000000001p-1022), V(0x1.4p+5), V(0x1.9p+9), I,
     N, V(0x0p+0), V(0x0p+0), V(0x1.39792499b1a24p-58), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1p+0), N,
     N, V(0x0p+0), V(0x0p+0), V(0x1.39792499b1a24p-58), V(0x1p+0), V(0x1p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), N}},
    // LeakyRelu<X>
    {{N, -I, V(-0x1p+3), V(-0x1.999999999999ap-2), V(-0x0p+0), V(0x0p+0), V(0x0.0000000000001p-1022), V(0x1.4p+5), V(0x1.9p+9), I,
     N, V(0x1.47ae147ae147bp-7), V(0x1.47ae147ae147bp-7), V(0x1.47ae147ae147bp-7), V(0x1.47ae147ae147bp-7), V(0x1.47ae147ae147bp-7), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1p+0),
     V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0)}},
    // Relu<X>
    {{N, V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0.0000000000001p-1022), V(0x1.4p+5), V(0x1.9p+9), I,
     N, V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1p+0),
     V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0)}},
    // Abs<X>
    {{N, I, V(0x1.9p+9), V(0x1.4p+5), V(0x0p+0), V(0x0p+0), V(0x0.0000000000001p-1022), V(0x1.4p+5), V(0x1.9p+9), I,
     N, V(-0x1p+0), V(-0x1p+0), V(-0x1p+0), V(0x0p+0), V(0x0p+0), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1p+0),
     V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0)}},
    // Sign<X>
    {{N, V(-0x1p+0), V(-0x1p+0), V(-0x1p+0), V(0x0p+0), V(0x0p+0), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1p+0),
     V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0),
     V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0)}},
    // Step<X>
    {{N, V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1p+0),
     V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0),
     V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0)}},
    // Heaviside<X, Rational<1, 2>>
    {{N, V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x1p-1), V(0x1p-1), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1p+0),
     V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0),
     V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0)}},
    // Atan2<X, Int<1>>
    {{N, V(-0x1.921fb54442d18p+0), V(-0x1.91cdc9c1efecfp+0), V(-0x1.8bb9a63718f45p+0), V(-0x0p+0), V(0x0p+0), V(0x0.0000000000001p-1022), V(0x1.8bb9a63718f45p+0), V(0x1.91cdc9c1efecfp+0), V(0x1.921fb54442d18p+0),
     N, V(0x0p+0), V(0x1.a36e03beaad46p-20), V(0x1.4779af172f7d9p-11), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1.4779af172f7d9p-11), V(0x1.a36e03beaad46p-20), V(0x0p+0),
     N, N, V(0x1.0c6f4311a796fp-28), V(0x1.05d10e76a25fp-15), V(0x0p+0), V(-0x0p+0), V(-0x0.0000000000002p-1022), V(-0x1.05d10e76a25fp-15), V(-0x1.0c6f4311a796fp-28), N}},
    // Hypot<X, Int<1>>
    {{N, I, V(0x1.9000147ae0c17p+9), V(0x1.4019989389b3p+5), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1.4019989389b3p+5), V(0x1.9000147ae0c17p+9), I,
     N, N, V(-0x1.ffffe5c91f185p-1), V(-0x1.ffd70f271381cp-1), V(-0x0p+0), V(0x0p+0), V(0x0.0000000000001p-1022), V(0x1.ffd70f271381cp-1), V(0x1.ffffe5c91f185p-1), N,
     N, N, V(0x1.0c6f50cfp-29), V(0x1.05e5ffa1608p-16), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1.05e5ffa1608p-16), V(0x1.0c6f50cfp-29), N}},
    // Max<X, Int<1>>
    {{N, V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1.4p+5), V(0x1.9p+9), I,
     N, V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x1p+0), V(0x1p+0), V(0x1p+0),
     V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0)}},
    // Min<X, Int<1>>
    {{N, -I, V(-0x1.9p+9), V(-0x1.4p+5), V(-0x0p+0), V(0x0p+0), V(0x0.0000000000001p-1022), V(0x1p+0), V(0x1p+0), V(0x1p+0),
     N, V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x1p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0),
     V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0), V(0x0p+0)}},
}};
// clang-format on

// The notes under the table in docs/edges.md.
inline constexpr const char* known_differences =
    "\n## Notes and known differences\n\n"
    "* **A derivative that is the constant 0 is 0 everywhere, NaN included** (the second\n"
    "  derivatives of `Relu`, `LeakyRelu`, `Abs`, `Max`, `Min`, the derivatives of `Sign`, `Step`\n"
    "  and `Heaviside`): `D` of these is the type `Int<0>`, which reads no argument. PyTorch's\n"
    "  gradients of `sign` and `heaviside` are zeros in the same way.\n"
    "* **Limits at infinity are not taken.** A derivative is evaluated as the formula `D` writes,\n"
    "  in IEEE arithmetic, so where that formula is inf/inf or 0·inf at ±inf the value is NaN,\n"
    "  although the limit exists: `Atan`, `Asinh`, `Acosh` (second derivative, limit 0),\n"
    "  `Softsign` (the value, limit ±1; PyTorch's `x / (1 + |x|)` gives NaN too), `Silu` (the\n"
    "  value at −inf, the derivatives at +inf; PyTorch's formulas give the same NaN), `Gelu`\n"
    "  (the value at −inf, as PyTorch's `x * cdf`), `Hypot` (derivatives, limits ±1 and 0;\n"
    "  PyTorch's `x / hypot` gives NaN too). **Known difference:** `Elu` at +inf, first and\n"
    "  second derivative NaN, where PyTorch's backward, which selects by `x > 0`, gives 1 and\n"
    "  0: the derivative is written as step(x) + (1 − step(x))·eˣ, and 0·inf is NaN.\n"
    "* **Gaussian tails.** `eval` computes a product uᵐ·exp(c·u²ᵏ), c < 0, as one: where the\n"
    "  exponential underflows, the product is 0 with its sign, also at ±inf (not inf·0 = NaN,\n"
    "  nor the overflow of uᵐ: `D<Gelu<X>, X, 2>` is 0 at ±1e200). So the second derivatives\n"
    "  of `Erf` and `Erfc` are 0 at ±inf, and `Gelu`'s derivatives 0 at −inf, 1 and 0 at\n"
    "  +inf. **Known difference:** PyTorch's gelu backward, `cdf + x * pdf`, gives NaN at\n"
    "  ±inf. A sum of such products over one exponential (erf's derivatives from the third,\n"
    "  gelu's from the second) is computed as one polynomial times the exponential\n"
    "  ([accuracy](accuracy.md), \"Gaussian polynomial sums\"), with the same zeros: where the\n"
    "  value underflows, the zero the terms as written sum to.\n"
    "* **Saturation of the sigmoid family.** σ′(40) = 4.2e-18, tanh′(40) = 7.2e-35 and their\n"
    "  second derivatives keep their digits although σ(40) and tanh(40) round to 1: `eval`\n"
    "  computes polynomials in σ and tanh in a stable basis, never subtracting from 1\n"
    "  ([accuracy.md](accuracy.md)). At ±800 they underflow to 0, as the true values do.\n"
    "* **Kinks at NaN.** `relu′(NaN)`, `leaky_relu′(NaN)`, `abs′(NaN)` and the derivatives of\n"
    "  `Max` and `Min` at NaN are NaN (NaN in, NaN out). **Known difference:** PyTorch's\n"
    "  backward kernels select a branch by comparing the input, so a NaN input takes one of\n"
    "  them (its `relu` gradient at NaN is 1, its `leaky_relu` gradient the slope).\n"
    "* **Outside a domain, derivatives keep their formula.** `D<Log<X>>` is 1/x, so at −800 it\n"
    "  is −0.00125 where `Log` itself is NaN (as PyTorch's `grad / x`); `D<Acosh<X>>` at −800\n"
    "  likewise. Where the formula itself meets a domain error (`Sqrt`, `Asin`, `Acos` outside\n"
    "  their domain), the derivative is NaN at run time and a compile error during constant\n"
    "  evaluation, like the function.\n"
    "* **Signed zeros** follow IEEE through the formula: `D<Sqrt<X>>` at −0 is 1/(2·(−0)) = −inf,\n"
    "  as PyTorch's `grad / (2 * sqrt(x))`; `D<Log<X>>` at −0 is −inf.\n";

}  // namespace edges
