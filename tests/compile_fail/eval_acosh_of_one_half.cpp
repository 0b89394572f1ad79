// A domain error of a function during constant evaluation is a compile error
// naming the function (acosh_of_a_number_below_one_is_undefined).
// expected: acosh_of_a_number_below_one_is_undefined
#include <chainrule.hpp>
using namespace chainrule;
constexpr double v = chainrule::eval<Acosh<X>>(0.5);
