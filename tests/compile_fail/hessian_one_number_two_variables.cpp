// A Hessian of a function of two variables needs both by name.
#include <chainrule.hpp>
using namespace chainrule;
auto f() { return eval<Hessian<Mul<X, Y>, X, Y>>(1.0); }
