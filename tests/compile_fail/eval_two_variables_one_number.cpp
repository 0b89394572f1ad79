// eval<E>(x) where E has two variables.
// expected: chainrule::eval<E>(x): E has more than one variable
#include <chainrule.hpp>
using namespace chainrule;
auto unused = eval<Mul<X, Y>>(2.0);
