// Must not compile: a domain error during constant evaluation is a compile
// error naming the function and the problem (chainrule::math::error::sqrt_of_a_negative_number_is_undefined).
// expected: sqrt_of_a_negative_number_is_undefined
#include <chainrule/math.hpp>

constexpr auto value = chainrule::math::sqrt(-4.0L);
