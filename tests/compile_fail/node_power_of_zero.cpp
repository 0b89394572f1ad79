// Power<X, Int<0>> written by hand is not a canonical form (Pow<X, Int<0>> is
// Int<1>); evaluating it used to recurse forever at run time.
// expected: chainrule::Power<B, E>: not a canonical form
#include <chainrule.hpp>
using namespace chainrule;
Power<X, Int<0>> unused;  // the node itself is rejected, wherever it is used
