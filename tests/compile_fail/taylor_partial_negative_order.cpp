// Order<V, N>: the order of a derivative is zero or more.
// expected: chainrule::TaylorPartial<E, Vs...>: in Order<V, N>, N, the order of the derivative by V, must be zero or
// more
#include <chainrule.hpp>
using namespace chainrule;
auto f() { return eval<TaylorPartial<Sin<X>, Order<X, -1>>>(0.5); }
