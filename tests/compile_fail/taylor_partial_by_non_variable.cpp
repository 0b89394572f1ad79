// A Taylor partial is taken by variables, not by expressions.
// expected: chainrule::TaylorPartial<E, Vs...>: each of Vs must be a variable
#include <chainrule.hpp>
using namespace chainrule;
auto f() { return eval<TaylorPartial<Sin<X>, Order<Sin<X>, 2>>>(0.5); }
