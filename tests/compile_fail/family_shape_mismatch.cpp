// at<Vars<"w", 2, 3>>(double[3][2]): nested containers of the wrong shape.
#include <chainrule.hpp>

using namespace chainrule;
const double values[3][2] = {};
auto unused = at<Vars<"w", 2, 3>>(values);
