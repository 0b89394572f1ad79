// A Hessian is taken by variables.
// expected: chainrule::Hessian<E, Vs...>: each of Vs must be a variable
#include <chainrule.hpp>
using namespace chainrule;
auto f() { return eval<Hessian<Sin<X>, Int<1>>>(at<X>(1.0)); }
