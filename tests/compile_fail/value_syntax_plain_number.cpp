// 3 * x: a plain number in the value syntax names the fix.
// expected: chainrule: a plain number in an expression; write an exact constant: 3_c or 0.8_c
#include <chainrule.hpp>

using namespace chainrule;
constexpr auto x = X{};
auto unused = 3 * x;
