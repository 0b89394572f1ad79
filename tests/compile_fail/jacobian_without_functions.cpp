// The rows of a Jacobian are listed in Functions<...>.
// expected: chainrule::Jacobian<Functions<Es...>, Vs...>: list the functions in Functions<...>
#include <chainrule.hpp>
using namespace chainrule;
auto f() { return eval<Jacobian<Mul<X, Y>, X, Y>>(at<X>(1.0), at<Y>(2.0)); }
