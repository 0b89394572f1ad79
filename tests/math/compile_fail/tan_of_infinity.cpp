// Must not compile: a domain error during constant evaluation is a compile
// error naming the function and the problem (chainrule::math::error::tan_of_infinity_is_undefined).
// expected: tan_of_infinity_is_undefined
#include <chainrule/math.hpp>

constexpr auto value = chainrule::math::tan(std::numeric_limits<double>::infinity());
