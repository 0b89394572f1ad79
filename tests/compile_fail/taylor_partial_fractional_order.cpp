// Order<V, N>: the order of a derivative is a whole number (the compiler's
// own message, as for D<E, X, 1.5>: the order is an int).
// expected: in a converted constant expression
#include <chainrule.hpp>
using namespace chainrule;
auto f() { return eval<TaylorPartial<Sin<X>, Order<X, 1.5>>>(0.5); }
