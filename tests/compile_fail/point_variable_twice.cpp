// point(at<X>(1.0), at<X>(2.0)): a variable bound twice.
// expected: variable_bound_twice<chainrule::detail::variable_named<'x'>
#include <chainrule.hpp>
using namespace chainrule;
auto unused = point(at<X>(1.0), at<X>(2.0));
