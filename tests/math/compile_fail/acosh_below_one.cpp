// Must not compile: a domain error during constant evaluation is a compile
// error naming the function and the problem (chainrule::math::error::acosh_of_a_number_below_one_is_undefined).
// expected: acosh_of_a_number_below_one_is_undefined
#include <chainrule/math.hpp>

constexpr auto value = chainrule::math::acosh(0.5);
