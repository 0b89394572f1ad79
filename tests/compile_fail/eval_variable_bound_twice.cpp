// eval<E>(at<X>(..), at<X>(..)): a variable bound twice is named.
// expected: variable_bound_twice<chainrule::detail::variable_named<'x'>
#include <chainrule.hpp>

using namespace chainrule;
auto unused = eval<Mul<X, Y>>(at<X>(1.0), at<X>(2.0), at<Y>(1.0));
