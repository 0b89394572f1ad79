// Var<"w", 1, 2, 3, 4, 5>: at most four indices.
// expected: chainrule::Var<name, I...>: a variable has at most 4 indices
#include <chainrule.hpp>

using namespace chainrule;
auto unused = eval<Var<"w", 1, 2, 3, 4, 5>>(1.0);
