// at<Vars<"w", 2, 3>>(five values): the sizes differ, known at compile time.
// expected: family_size_mismatch<chainrule::detail::variable_named<'w'>, 6, 5>
#include <array>
#include <chainrule.hpp>
using namespace chainrule;
auto unused = at<Vars<"w", 2, 3>>(std::array<double, 5>{});
