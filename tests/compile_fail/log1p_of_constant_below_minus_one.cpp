// log1p(-3/2) is undefined, and known to be so when the type is formed.
// expected: chainrule::Log1p<A>: A is a constant below -1, where log1p is undefined
#include <chainrule.hpp>
using namespace chainrule;
using T = Add<X, Log1p<Rational<-3, 2>>>;
T* unused = nullptr;
