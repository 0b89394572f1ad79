// Must not compile: a domain error during constant evaluation is a compile
// error naming the function and the problem
// (chainrule::math::error::pow_of_a_negative_base_with_a_non_integer_exponent_is_undefined).
// expected: pow_of_a_negative_base_with_a_non_integer_exponent_is_undefined
#include <chainrule/math.hpp>

constexpr auto value = chainrule::math::pow(-8.0, 1.0 / 3);
