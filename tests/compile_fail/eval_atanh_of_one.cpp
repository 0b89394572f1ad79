// A domain error of a function during constant evaluation is a compile error
// naming the function (atanh_of_plus_or_minus_one_is_infinite).
// expected: atanh_of_plus_or_minus_one_is_infinite
#include <chainrule.hpp>
using namespace chainrule;
constexpr double v = chainrule::eval<Atanh<X>>(1.0);
