// 0x10_c: literals are decimal.
// expected: write a decimal number, such as 3_c, 0.8_c or 2.5e-3_c
#include <chainrule.hpp>

using namespace chainrule;
using namespace chainrule::literals;
auto unused = 0x10_c;
