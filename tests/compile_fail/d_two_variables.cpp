// D<E> where E has two variables: the variable must be named.
#include <chainrule.hpp>
using namespace chainrule;
using T = D<Mul<X, Y>>;
T* unused = nullptr;
