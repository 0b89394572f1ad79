// The most expensive constant evaluations of chainrule::math (Payne-Hanek
// reductions of huge arguments, long double, subnormals, the widest
// polynomial paths).  Compiled with the compiler's default limits, this proves
// no evaluation hits Clang's -fconstexpr-steps (default 1,048,576) or GCC's
// -fconstexpr-ops-limit; CMake also compiles it with a much smaller step limit
// on Clang to show the margin (see tests/math/CMakeLists.txt).
#include <chainrule/math.hpp>

#include <limits>

namespace m = chainrule::math;
using ld = std::numeric_limits<long double>;
using dl = std::numeric_limits<double>;

[[maybe_unused]] constexpr long double w01 = m::sin(ld::max());
[[maybe_unused]] constexpr long double w02 = m::cos(-0x1.fffffffffffffffep16000L);
[[maybe_unused]] constexpr long double w03 = m::tan(1e4000L);
[[maybe_unused]] constexpr double w04 = m::sin(dl::max());
[[maybe_unused]] constexpr double w05 = m::tan(0x1.6ac5b262ca1ffp849);
[[maybe_unused]] constexpr float w06 = m::cos(std::numeric_limits<float>::max());
[[maybe_unused]] constexpr long double w07 = m::pow(1.0000001L, 1e8L);
[[maybe_unused]] constexpr long double w08 = m::pow(ld::denorm_min(), 0.999L);
[[maybe_unused]] constexpr long double w09 = m::exp(-11390.0L);
[[maybe_unused]] constexpr long double w10 = m::exp(11356.5L);
[[maybe_unused]] constexpr long double w11 = m::expm1(11356.0L);
[[maybe_unused]] constexpr long double w12 = m::log(ld::denorm_min());
[[maybe_unused]] constexpr long double w13 = m::log10(ld::max());
[[maybe_unused]] constexpr long double w14 = m::cbrt(ld::denorm_min());
[[maybe_unused]] constexpr long double w15 = m::sqrt(ld::max());
[[maybe_unused]] constexpr long double w16 = m::hypot(1e4000L, 1e4000L);
[[maybe_unused]] constexpr long double w17 = m::atan2(ld::denorm_min(), ld::max());
[[maybe_unused]] constexpr long double w18 = m::erfc(106.0L);
[[maybe_unused]] constexpr double w19 = m::erfc(0.5);
[[maybe_unused]] constexpr double w20 = m::erf(6.9);
[[maybe_unused]] constexpr long double w21 = m::asinh(-ld::max());
[[maybe_unused]] constexpr long double w22 = m::acosh(ld::max());
[[maybe_unused]] constexpr long double w23 = m::atanh(0.99999999999L);
[[maybe_unused]] constexpr long double w24 = m::sinh(11356.0L);
[[maybe_unused]] constexpr long double w25 = m::cosh(-11356.0L);
[[maybe_unused]] constexpr double w26 = m::exp2(-1074.5);
[[maybe_unused]] constexpr double w27 = m::log1p(dl::denorm_min());
[[maybe_unused]] constexpr double w28 = m::asin(-0.9999999999);
[[maybe_unused]] constexpr double w29 = m::acos(-0.9999999999);
[[maybe_unused]] constexpr double w30 = m::tanh(-19.0);
[[maybe_unused]] constexpr double w31 = m::atan(-1e300);
[[maybe_unused]] constexpr double w32 = m::log2(dl::denorm_min());

static_assert(w09 > 0 && w09 < ld::min());  // long double subnormal
static_assert(w10 == ld::infinity() || w10 > 0x1p16383L);
static_assert(w16 > 1.4e4000L && w16 < 1.5e4000L);
static_assert(w18 > 0 && w19 > 0.47 && w20 == 1);
