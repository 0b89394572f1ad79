// The 20th derivative of sqrt x is a coefficient times x^(-39/2); the
// coefficient, (-1)^19 (1/2)(1/2)(3/2)...(37/2) = -37!!/2^20 written exactly,
// has a numerator past long long (37!! is about 3.2e21). The derivative that
// meets the overflow keeps it, however often it is differentiated again,
// rather than becoming Int<0> (D<Sqrt<X>, X, 20> was silently 0 before).
// expected: chainrule::Add, Mul, Pow, D: an exact constant in this expression overflows long long
#include <chainrule.hpp>
using namespace chainrule;
double f(double x) { return eval<D<Sqrt<X>, X, 20>>(x); }
