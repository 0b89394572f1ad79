// Product<Int<1>, X> written by hand: Mul<Int<1>, X> is X.
#include <chainrule.hpp>
using namespace chainrule;
auto unused = eval<Product<Int<1>, X>>(2.0);
