// Mirrors chainrule/literals.hpp.
// The literal _c (chainrule/literals.hpp): exact constants read from the
// digits at compile time, in the value syntax.
#include <chainrule.hpp>

#include <type_traits>

using namespace chainrule;
using namespace chainrule::literals;

namespace {

constexpr auto x = X{};

// integers
static_assert(std::is_same_v<decltype(3_c), Int<3>>);
static_assert(std::is_same_v<decltype(0_c), Int<0>>);
static_assert(std::is_same_v<decltype(1'000'000_c), Int<1000000>>);
static_assert(std::is_same_v<decltype(9223372036854775807_c), Int<9223372036854775807>>);

// decimals, exactly
static_assert(std::is_same_v<decltype(0.8_c), Rational<4, 5>>);
static_assert(std::is_same_v<decltype(0.1_c), Rational<1, 10>>);
static_assert(std::is_same_v<decltype(2.5_c), Rational<5, 2>>);
static_assert(std::is_same_v<decltype(0.125_c), Rational<1, 8>>);
static_assert(std::is_same_v<decltype(1.50_c), Rational<3, 2>>);
static_assert(std::is_same_v<decltype(3.0_c), Int<3>>);
static_assert(std::is_same_v<decltype(0.0_c), Int<0>>);
static_assert(std::is_same_v<decltype(.5_c), Rational<1, 2>>);
static_assert(std::is_same_v<decltype(5._c), Int<5>>);

// exponents
static_assert(std::is_same_v<decltype(2.5e-3_c), Rational<1, 400>>);
static_assert(std::is_same_v<decltype(1e3_c), Int<1000>>);
static_assert(std::is_same_v<decltype(1.5E+3_c), Int<1500>>);
static_assert(std::is_same_v<decltype(1e18_c), Int<1000000000000000000>>);
static_assert(std::is_same_v<decltype(5e-19_c), Rational<1, 2000000000000000000>>);
static_assert(std::is_same_v<decltype(100e-2_c), Int<1>>);
// many digits whose exact value still fits
static_assert(std::is_same_v<decltype(0.000000000000000001_c), Rational<1, 1000000000000000000>>);

// in the value syntax
static_assert(std::is_same_v<decltype(3_c * x), Mul<Int<3>, X>>);
static_assert(std::is_same_v<decltype(-0.5_c), Rational<-1, 2>>);
static_assert(std::is_same_v<decltype(0.8_c * x + 1_c), Add<Mul<Rational<4, 5>, X>, Int<1>>>);
static_assert(eval<decltype(pow(x - 0.8_c, 2_c))>(1.8) == 1.0);

}  // namespace
