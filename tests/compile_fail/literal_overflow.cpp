// 1e19_c: the exact value does not fit in long long.
// expected: the literal's exact value does not fit in a fraction of two long longs
#include <chainrule.hpp>

using namespace chainrule;
using namespace chainrule::literals;
auto unused = 1e19_c;
