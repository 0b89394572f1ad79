// Must not compile: a domain error during constant evaluation is a compile
// error naming the function and the problem (chainrule::math::error::log1p_of_a_number_below_minus_one_is_undefined).
// expected: log1p_of_a_number_below_minus_one_is_undefined
#include <chainrule/math.hpp>

constexpr auto value = chainrule::math::log1p(-2.0);
