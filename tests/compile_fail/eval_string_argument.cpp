// eval<E>("2"): a string is not a number.
// expected: chainrule::eval<E>(x): x must be floating-point
#include <chainrule.hpp>
using namespace chainrule;
auto unused = eval<Sin<X>>("2");
