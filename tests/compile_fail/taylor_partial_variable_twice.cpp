// Each variable of a Taylor partial is named once, with its whole order.
// expected: chainrule::TaylorPartial<E, Vs...>: a variable is named twice
#include <chainrule.hpp>
using namespace chainrule;
auto f() { return eval<TaylorPartial<Mul<X, Y>, Order<X, 2>, Y, X>>(at<X>(1.0), at<Y>(2.0)); }
