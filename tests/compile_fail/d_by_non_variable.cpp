// D<E, int>: differentiating by something that is not a variable.
#include <chainrule.hpp>
using namespace chainrule;
using T = D<Sin<X>, int>;
T* unused = nullptr;
