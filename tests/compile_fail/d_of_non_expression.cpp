// D<int>: int is not an expression.
#include <chainrule.hpp>
using T = chainrule::D<int>;
T* unused = nullptr;
