// Sum<X>, a sum of one term, written by hand: Add never builds it.
// expected: chainrule::Sum<Ts...>: not a canonical form
#include <chainrule.hpp>
using namespace chainrule;
Sum<X> unused;  // the node itself is rejected, wherever it is used
