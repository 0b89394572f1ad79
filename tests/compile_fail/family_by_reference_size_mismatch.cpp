// at<Vars<"w", 2, 3>>(std::cref(five values)): the sizes differ, known at
// compile time, as for a copy.
// expected: family_size_mismatch<chainrule::detail::variable_named<'w'>, 6, 5>
#include <chainrule.hpp>

#include <array>
#include <functional>

using namespace chainrule;
const std::array<double, 5> w{};
auto unused = at<Vars<"w", 2, 3>>(std::cref(w));
