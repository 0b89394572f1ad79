// The derivatives of orders 0 to 16 of tan and the inverse trigonometric and
// hyperbolic functions, each on its grid (scripts/gen_high_order_reference.py),
// against mpmath, and against Boost.Math's fvar at the same points
// (high_order.hpp). Orders 17 to 20 more than double this test's compile
// time, so they are checked only when the tests are configured with
// -DCHAINRULE_ACCURACY_ALL_ORDERS=ON (docs/accuracy.md, "Orders not
// compiled"); there every one of them is at least as accurate as Boost.
#include <boost/test/unit_test.hpp>

#include "high_order.hpp"
#include "reference/acos.hpp"
#include "reference/acosh.hpp"
#include "reference/asin.hpp"
#include "reference/asinh.hpp"
#include "reference/atan.hpp"
#include "reference/atanh.hpp"
#include "reference/tan.hpp"

using namespace chainrule;
namespace ref = high_order_reference;
using high_order::check;
using high_order::order_checked;

BOOST_AUTO_TEST_CASE(tan_to_order_16_or_20) {
    check<Tan<X>, order_checked(16, 20)>("tan", ref::tan, high_order::boost_tan);
}
BOOST_AUTO_TEST_CASE(asin_to_order_16_or_20) {
    check<Asin<X>, order_checked(16, 20)>("asin", ref::asin, high_order::boost_asin);
}
BOOST_AUTO_TEST_CASE(acos_to_order_16_or_20) {
    check<Acos<X>, order_checked(16, 20)>("acos", ref::acos, high_order::boost_acos);
}
BOOST_AUTO_TEST_CASE(atan_to_order_16_or_20) {
    check<Atan<X>, order_checked(16, 20)>("atan", ref::atan, high_order::boost_atan);
}
BOOST_AUTO_TEST_CASE(asinh_to_order_16_or_20) {
    check<Asinh<X>, order_checked(16, 20)>("asinh", ref::asinh, high_order::boost_asinh);
}
BOOST_AUTO_TEST_CASE(acosh_to_order_16_or_20) {
    check<Acosh<X>, order_checked(16, 20)>("acosh", ref::acosh, high_order::boost_acosh);
}
BOOST_AUTO_TEST_CASE(atanh_to_order_16_or_20) {
    check<Atanh<X>, order_checked(16, 20)>("atanh", ref::atanh, high_order::boost_atanh);
}
