// at<Vars<"w", 2, 3>>(std::cref(rows)) of a double[2][3]: bound by reference,
// a family is one row of numbers (nested containers are bound by copy).
// expected: chainrule::at<Vars<name, N...>>(std::cref(values)): values must be one row of numbers
#include <chainrule.hpp>

#include <functional>

using namespace chainrule;
const double w[2][3] = {};
auto unused = at<Vars<"w", 2, 3>>(std::cref(w));
