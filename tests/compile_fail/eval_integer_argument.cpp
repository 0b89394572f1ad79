// eval<E>(2): an integer is not accepted as the point.
// expected: chainrule::eval<E>(x): x must be floating-point
#include <chainrule.hpp>
using namespace chainrule;
auto unused = eval<Sin<X>>(2);
