// A variable with no value is an error that spells its name: w1.
// expected: variable_has_no_value<chainrule::detail::variable_named<'w', '1'>
// (variable_named<'w', '1'> is how both compilers spell Var<"w1"> in the instantiation they report.)
#include <chainrule.hpp>
using namespace chainrule;
double f() { return eval<Mul<X, Var<"w1">>>(at<X>(1.0)); }
