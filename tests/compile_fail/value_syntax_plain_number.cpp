// 3 * x: a plain number in the value syntax names the fix.
#include <chainrule.hpp>

using namespace chainrule;
constexpr auto x = X{};
auto unused = 3 * x;
