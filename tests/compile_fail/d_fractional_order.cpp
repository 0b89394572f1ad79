// D<E, X, 1.5>: the order of a derivative is a whole number (the compiler's
// own message: the order is an int).
// expected: in a converted constant expression
#include <chainrule.hpp>
using namespace chainrule;
using T = D<Sin<X>, X, 1.5>;
T* unused = nullptr;
