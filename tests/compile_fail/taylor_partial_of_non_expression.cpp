// The function of a Taylor partial is a chainrule expression.
// expected: chainrule::TaylorPartial<E, Vs...>: E must be a chainrule expression
#include <chainrule.hpp>
using namespace chainrule;
auto f() { return eval<TaylorPartial<double, Order<X, 2>>>(0.5); }
