// Product<Int<1>, X> written by hand: Mul<Int<1>, X> is X.
// expected: chainrule::Product<Fs...>: not a canonical form
#include <chainrule.hpp>
using namespace chainrule;
Product<Int<1>, X> unused;  // the node itself is rejected, wherever it is used
