// at<Vars<"w", 2>>(1.0): a family is bound from a container.
#include <chainrule.hpp>

using namespace chainrule;
auto unused = at<Vars<"w", 2>>(1.0);
