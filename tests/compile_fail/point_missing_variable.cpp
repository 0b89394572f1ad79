// eval<E>(point(...)) where the point lacks one of E's variables.
// expected: chainrule::eval<E>(at<V>(value)...): a variable of E has no value
#include <chainrule.hpp>
using namespace chainrule;
auto unused = eval<Mul<X, Y>>(point(at<X>(1.0), at<Z>(2.0)));
