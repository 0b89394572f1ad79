// A Jacobian is taken by variables.
// expected: chainrule::Jacobian<Functions<Es...>, Vs...>: each of Vs must be a variable
#include <chainrule.hpp>
using namespace chainrule;
auto f() { return eval<Jacobian<Functions<X, Y>, Int<2>>>(at<X>(1.0), at<Y>(2.0)); }
