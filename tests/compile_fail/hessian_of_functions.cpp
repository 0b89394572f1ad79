// A Hessian of several functions: Functions<...> lists the rows of a
// Jacobian; a Hessian is of one function (this was 12 KB of errors on g++).
// expected: chainrule::Hessian<E, Vs...>: E is one function; Functions<...> lists the rows of a Jacobian
#include <chainrule.hpp>
using namespace chainrule;
using H = Hessian<Functions<Mul<X, Y>, Add<X, Y>>, X, Y>;
auto h = eval<H>(at<X>(2.0), at<Y>(3.0));
