// D<E> where E has two variables: the variable must be named.
// expected: chainrule::D<E>: E has more than one variable; name the one
#include <chainrule.hpp>
using namespace chainrule;
using T = D<Mul<X, Y>>;
T* unused = nullptr;
