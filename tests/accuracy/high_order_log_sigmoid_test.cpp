// The derivatives of orders 0 to 20 of LogSigmoid<X> at x = -40, ..., 40 against
// mpmath, and against Boost.Math's fvar at the same points (high_order.hpp).
#define BOOST_TEST_MODULE high_order_log_sigmoid
#include <boost/test/unit_test.hpp>

#include "high_order.hpp"

using namespace chainrule;

BOOST_AUTO_TEST_CASE(log_sigmoid_to_order_20) {
    high_order::check<LogSigmoid<X>, 20>("log_sigmoid", high_order_reference::log_sigmoid,
                                         high_order::boost_log_sigmoid{});
}
