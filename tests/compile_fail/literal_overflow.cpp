// 1e19_c: the exact value does not fit in long long.
#include <chainrule.hpp>

using namespace chainrule;
using namespace chainrule::literals;
auto unused = 1e19_c;
