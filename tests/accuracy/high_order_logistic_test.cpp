// The derivatives of orders 0 to 20 of sigma, softplus and log-sigmoid at
// x = -40, ..., 40 against mpmath, and against Boost.Math's fvar at the same
// points (high_order.hpp). One test: softplus' derivatives are sigma's, and
// are compiled once.
#include <boost/test/unit_test.hpp>

#include "high_order.hpp"
#include "reference/log_sigmoid.hpp"
#include "reference/sigmoid.hpp"
#include "reference/softplus.hpp"

using namespace chainrule;
namespace ref = high_order_reference;
using high_order::check;

BOOST_AUTO_TEST_CASE(sigmoid_to_order_20) { check<Sigmoid<X>, 20>("sigmoid", ref::sigmoid, high_order::boost_sigmoid); }
BOOST_AUTO_TEST_CASE(softplus_to_order_20) {
    check<Softplus<X>, 20>("softplus", ref::softplus, high_order::boost_softplus);
}
BOOST_AUTO_TEST_CASE(log_sigmoid_to_order_20) {
    check<LogSigmoid<X>, 20>("log_sigmoid", ref::log_sigmoid, high_order::boost_log_sigmoid);
}
