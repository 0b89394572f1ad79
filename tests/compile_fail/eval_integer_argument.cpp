// eval<E>(2): an integer is not accepted as the point.
#include <chainrule.hpp>
using namespace chainrule;
auto unused = eval<Sin<X>>(2);
