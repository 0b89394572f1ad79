// Div<X, Int<0>>: division by the constant zero, reported where the
// expression is used (here, evaluated).
// expected: chainrule::Div<A, B>: B is the constant zero
#include <chainrule.hpp>
using namespace chainrule;
using T = Div<X, Int<0>>;
double f(double x) { return eval<T>(x); }
