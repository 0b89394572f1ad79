// Must not compile: a domain error during constant evaluation is a compile
// error naming the function and the problem (chainrule::math::error::log10_of_a_negative_number_is_undefined).
// expected: log10_of_a_negative_number_is_undefined
#include <chainrule/math.hpp>

constexpr auto value = chainrule::math::log10(-1e-300);
