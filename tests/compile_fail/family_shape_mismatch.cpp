// at<Vars<"w", 2, 3>>(double[3][2]): nested containers of the wrong shape.
// expected: family_shape_mismatch<chainrule::detail::variable_named<'w'>, chainrule::detail::sizes<2, 3>,
// expected: chainrule::detail::sizes<2, 3>, chainrule::detail::sizes<3, 2>
#include <chainrule.hpp>

using namespace chainrule;
const double values[3][2] = {};
auto unused = at<Vars<"w", 2, 3>>(values);
