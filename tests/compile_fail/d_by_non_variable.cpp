// D<E, int>: differentiating by something that is not a variable.
// expected: chainrule::D<E, V>: V must be a variable
#include <chainrule.hpp>
using namespace chainrule;
using T = D<Sin<X>, int>;
T* unused = nullptr;
