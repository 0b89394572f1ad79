// A value for a variable the expression lacks is an error that spells its name: w1.
// expected: variable_not_in_expression<chainrule::detail::variable_named<'w', '1'>
// (variable_named<'w', '1'> is how both compilers spell Var<"w1"> in the instantiation they report.)
#include <chainrule.hpp>
using namespace chainrule;
double f() { return eval<Sin<X>>(at<X>(1.0), at<Var<"w1">>(2.0)); }
