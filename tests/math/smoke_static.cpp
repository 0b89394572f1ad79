// Stage-1 smoke test: the constexpr path of chainrule::math compiles on both
// compilers and gives the correctly rounded values for a few easy points.
// (The full accuracy measurement is accuracy.cpp.)
#include <chainrule/math.hpp>

namespace m = chainrule::math;

static_assert(m::exp(1.0) == 2.718281828459045);
static_assert(m::exp(1.0f) == 2.7182817f);
static_assert(m::log(2.0) == 0.6931471805599453);
static_assert(m::log(1.0) == 0.0);
static_assert(m::sqrt(2.0) == 1.4142135623730951);
static_assert(m::sqrt(2.0f) == 1.41421354f);
static_assert(m::sin(1.0) == 0.8414709848078965);
static_assert(m::cos(1.0) == 0.5403023058681398);
static_assert(m::tan(1.0) == 1.5574077246549023);
static_assert(m::tanh(0.5) == 0.46211715726000974);
static_assert(m::pow(2.0, 0.5) == 1.4142135623730951);
static_assert(m::pow(2.0, 10.0) == 1024.0);
static_assert(m::expm1(1e-10) == 1.00000000005e-10);
static_assert(m::log1p(1e-10) == 9.999999999500001e-11);
static_assert(m::sin(1e6) == -0.34999350217129294);  // large argument
static_assert(m::sin(1e22) == -0.8522008497671888);  // Payne-Hanek range
static_assert(m::exp(1000.0) == std::numeric_limits<double>::infinity());
static_assert(m::exp(-1000.0) == 0.0);
static_assert(m::log(0.0) == -std::numeric_limits<double>::infinity());
static_assert(m::signbit(m::sin(-0.0)));
static_assert(m::erf(1.0) == 0.8427007929497149);
static_assert(m::atan2(1.0, -1.0) == 2.356194490192345);
static_assert(m::exp(1.0L) > 2.7182818284590452L && m::exp(1.0L) < 2.7182818284590453L);

// helpers
static_assert(m::abs(-2.5) == 2.5 && !m::signbit(m::abs(-0.0)));
static_assert(m::isnan(std::numeric_limits<double>::quiet_NaN()) && !m::isnan(1.0));
static_assert(m::isinf(-std::numeric_limits<float>::infinity()) && !m::isinf(1.0f));
static_assert(m::signbit(-0.0L) && !m::signbit(0.0L) && m::signbit(-0.0f));
static_assert(m::copysign(3.0, -0.0) == -3.0 && m::copysign(-3.0L, 1.0L) == 3.0L);
