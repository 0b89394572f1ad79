// A domain error of a function during constant evaluation is a compile error
// naming the function (log1p_of_a_number_below_minus_one_is_undefined).
// expected: log1p_of_a_number_below_minus_one_is_undefined
#include <chainrule.hpp>
using namespace chainrule;
constexpr double v = chainrule::eval<Log1p<X>>(-2.0);
