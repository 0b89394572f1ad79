// asin(3/2) is undefined, and known to be so when the type is formed (acos
// and atanh outside [-1, 1] likewise).
// expected: chainrule::Asin<A>: A is a constant outside [-1, 1], where asin is undefined
#include <chainrule.hpp>
using namespace chainrule;
using T = Mul<X, Asin<Rational<3, 2>>>;
T* unused = nullptr;
