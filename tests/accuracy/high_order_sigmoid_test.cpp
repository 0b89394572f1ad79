// The derivatives of orders 0 to 20 of Sigmoid<X> at x = -40, ..., 40 against
// mpmath, and against Boost.Math's fvar at the same points (high_order.hpp).
#define BOOST_TEST_MODULE high_order_sigmoid
#include <boost/test/unit_test.hpp>

#include "high_order.hpp"

using namespace chainrule;

BOOST_AUTO_TEST_CASE(sigmoid_to_order_20) {
    high_order::check<Sigmoid<X>, 20>("sigmoid", high_order_reference::sigmoid, high_order::boost_sigmoid{});
}
