// eval<E>(point, binding): a point must be the only argument.
// expected: chainrule::eval<E>(p): a point must be the only argument
#include <chainrule.hpp>

using namespace chainrule;
auto unused = eval<Mul<X, Y>>(point(at<X>(1.0)), at<Y>(2.0));
