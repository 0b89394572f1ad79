// A domain error of a function during constant evaluation is a compile error
// naming the function (asin_of_a_number_outside_minus_one_to_one_is_undefined).
// expected: asin_of_a_number_outside_minus_one_to_one_is_undefined
#include <chainrule.hpp>
using namespace chainrule;
constexpr double v = chainrule::eval<Asin<X>>(2.0);
