// The derivatives of orders 0 to 10 of Mul<X, Sigmoid<X>> (order 20 does not
// compile in reasonable time: docs/accuracy.md) at x = -40, ..., 40 against
// mpmath, and against Boost.Math's fvar at the same points (high_order.hpp).
#include <boost/test/unit_test.hpp>

#include "high_order.hpp"
#include "reference/silu.hpp"

using namespace chainrule;

BOOST_AUTO_TEST_CASE(silu_to_order_10) {
    high_order::check<Mul<X, Sigmoid<X>>, 10>("silu", high_order_reference::silu, high_order::boost_silu);
}
