// The derivatives of orders 0 to 20 of Tanh<X> at x = -40, ..., 40 against
// mpmath, and against Boost.Math's fvar at the same points (high_order.hpp).
#include <boost/test/unit_test.hpp>

#include "high_order.hpp"
#include "reference/tanh.hpp"

using namespace chainrule;

BOOST_AUTO_TEST_CASE(tanh_to_order_20) {
    high_order::check<Tanh<X>, 20>("tanh", high_order_reference::tanh, high_order::boost_tanh);
}
