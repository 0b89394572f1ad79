// A Taylor partial needs every variable of its function: y has no value.
// expected: variable_has_no_value<chainrule::detail::variable_named<'y'>
// max-bytes: 5120 (g++ prints the long request types of the frames of gradient.hpp that bind the point)
#include <chainrule.hpp>
using namespace chainrule;
auto f() { return eval<TaylorPartial<Mul<X, Y>, Order<X, 2>>>(at<X>(1.0)); }
