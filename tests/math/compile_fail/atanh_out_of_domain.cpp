// Must not compile: a domain error during constant evaluation is a compile
// error naming the function and the problem
// (chainrule::math::error::atanh_of_a_number_outside_minus_one_to_one_is_undefined).
// expected: atanh_of_a_number_outside_minus_one_to_one_is_undefined
#include <chainrule/math.hpp>

constexpr auto value = chainrule::math::atanh(-1.5);
