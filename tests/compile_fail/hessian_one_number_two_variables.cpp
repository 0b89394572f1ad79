// A Hessian of a function of two variables needs both by name.
// expected: chainrule::eval<G>(x): G depends on more than one variable
#include <chainrule.hpp>
using namespace chainrule;
auto f() { return eval<Hessian<Mul<X, Y>, X, Y>>(1.0); }
