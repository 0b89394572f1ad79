// Each variable of a gradient is named once.
// expected: chainrule::Gradient<E, Vs...>: a variable is named twice
#include <chainrule.hpp>
using namespace chainrule;
auto f() { return eval<Gradient<Mul<X, Y>, X, Y, X>>(at<X>(1.0), at<Y>(2.0)); }
