// D<E, X, -1>: a negative order.
#include <chainrule.hpp>
using namespace chainrule;
using T = D<Sin<X>, X, -1>;
T* unused = nullptr;
