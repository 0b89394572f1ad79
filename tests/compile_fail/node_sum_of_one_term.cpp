// Sum<X>, a sum of one term, written by hand: Add never builds it.
// expected: chainrule::Sum<Ts...>: not a canonical form
#include <chainrule.hpp>
using namespace chainrule;
auto unused = eval<Sum<X>>(2.0);
