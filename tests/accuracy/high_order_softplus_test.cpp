// The derivatives of orders 0 to 20 of Softplus<X> at x = -40, ..., 40 against
// mpmath, and against Boost.Math's fvar at the same points (high_order.hpp).
#define BOOST_TEST_MODULE high_order_softplus
#include <boost/test/unit_test.hpp>

#include "high_order.hpp"

using namespace chainrule;

BOOST_AUTO_TEST_CASE(softplus_to_order_20) {
    high_order::check<Softplus<X>, 20>("softplus", high_order_reference::softplus, high_order::boost_softplus{});
}
