// A gradient is taken by variables, not by expressions.
// expected: chainrule::Gradient<E, Vs...>: each of Vs must be a variable
#include <chainrule.hpp>
using namespace chainrule;
auto f() { return eval<Gradient<Sin<X>, Sin<X>>>(0.5); }
