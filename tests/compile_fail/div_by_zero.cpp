// Div<X, Int<0>>: division by the constant zero.
// expected: chainrule::Div<A, B>: B is the constant zero
#include <chainrule.hpp>
using namespace chainrule;
using T = Div<X, Int<0>>;
T* unused = nullptr;
