// ln(-2) is undefined, and known to be so when the type is formed.
// expected: chainrule::Log<A>: A is a negative constant, and the logarithm of a negative number is undefined
#include <chainrule.hpp>
using namespace chainrule;
using T = Add<X, Log<Int<-2>>>;
T* unused = nullptr;
