// D<E, X, -1>: a negative order.
// expected: chainrule::D<E, V, N>: N, the order of the derivative, must be zero or more
#include <chainrule.hpp>
using namespace chainrule;
using T = D<Sin<X>, X, -1>;
T* unused = nullptr;
