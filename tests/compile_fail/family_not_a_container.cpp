// at<Vars<"w", 2>>(1.0): a family is bound from a container.
// expected: chainrule::at<Vars<name, N...>>(values): values must be a std::array
#include <chainrule.hpp>

using namespace chainrule;
auto unused = at<Vars<"w", 2>>(1.0);
