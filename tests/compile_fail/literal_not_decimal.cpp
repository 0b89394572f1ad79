// 0x10_c: literals are decimal.
#include <chainrule.hpp>

using namespace chainrule;
using namespace chainrule::literals;
auto unused = 0x10_c;
