// acosh(1/2) is undefined, and known to be so when the type is formed.
// expected: chainrule::Acosh<A>: A is a constant below 1, where acosh is undefined
#include <chainrule.hpp>
using namespace chainrule;
using T = Mul<X, Acosh<Rational<1, 2>>>;
T* unused = nullptr;
