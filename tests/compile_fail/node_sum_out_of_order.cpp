// Sum<Y, X>, a sum written by hand with its terms out of the canonical order:
// Add<Y, X> is Sum<X, Y>, and Sum<Y, X> - X - Y would not be Int<0>.
// expected: chainrule::Sum<Ts...>: not a canonical form (the terms are not in the canonical order
#include <chainrule.hpp>
using namespace chainrule;
Sum<Y, X> unused;  // the node itself is rejected, wherever it is used
