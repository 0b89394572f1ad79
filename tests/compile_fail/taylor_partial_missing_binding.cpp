// A Taylor partial needs every variable of its function: y has no value.
// expected: variable_has_no_value<chainrule::detail::variable_named<'y'>
#include <chainrule.hpp>
using namespace chainrule;
auto f() { return eval<TaylorPartial<Mul<X, Y>, Order<X, 2>>>(at<X>(1.0)); }
