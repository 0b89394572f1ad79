// A gradient needs every variable of its function: y has no value.
// expected: variable_has_no_value<chainrule::detail::variable_named<'y'>
// max-bytes: 0 (longer than 4 KB on g++; issue 12)
#include <chainrule.hpp>
using namespace chainrule;
auto f() { return eval<Gradient<Mul<X, Y>, X, Y>>(at<X>(1.0)); }
