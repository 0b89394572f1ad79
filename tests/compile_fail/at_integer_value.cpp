// at<X>(2): an integer is not a value of a variable; the message is at's own,
// not a failed constraint of binding<V, T>.
// expected: chainrule::at<V>(value): value must be floating-point
#include <chainrule.hpp>
using namespace chainrule;
auto unused = at<X>(2);
