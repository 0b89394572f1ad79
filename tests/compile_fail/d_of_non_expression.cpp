// D<int>: int is not an expression.
// expected: chainrule::D<E>: E must be a chainrule expression
#include <chainrule.hpp>
using T = chainrule::D<int>;
T* unused = nullptr;
