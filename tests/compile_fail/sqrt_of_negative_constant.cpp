// sqrt(-4) is undefined, and known to be so when the type is formed.
// expected: chainrule::Sqrt<A>: A is a negative constant, and the square root of a negative number is undefined
#include <chainrule.hpp>
using namespace chainrule;
using T = Mul<X, Sqrt<Int<-4>>>;
T* unused = nullptr;
