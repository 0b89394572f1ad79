// at<Vars<"w", 2, 3>>(five values): the sizes differ, known at compile time.
#include <array>
#include <chainrule.hpp>
using namespace chainrule;
auto unused = at<Vars<"w", 2, 3>>(std::array<double, 5>{});
