// Each variable of a Jacobian is named once.
// expected: chainrule::Jacobian<Functions<Es...>, Vs...>: a variable is named twice
#include <chainrule.hpp>
using namespace chainrule;
auto f() { return eval<Jacobian<Functions<X, Y>, X, X>>(at<X>(1.0), at<Y>(2.0)); }
