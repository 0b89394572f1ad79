// Each variable of a Hessian is named once.
// expected: chainrule::Hessian<E, Vs...>: a variable is named twice
#include <chainrule.hpp>
using namespace chainrule;
auto f() { return eval<Hessian<Mul<X, Y>, X, Y, X>>(at<X>(1.0), at<Y>(2.0)); }
