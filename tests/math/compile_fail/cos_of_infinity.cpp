// Must not compile: a domain error during constant evaluation is a compile
// error naming the function and the problem (chainrule::math::error::cos_of_infinity_is_undefined).
// expected: cos_of_infinity_is_undefined
#include <chainrule/math.hpp>

constexpr auto value = chainrule::math::cos(-std::numeric_limits<float>::infinity());
