// The derivatives of the chain-rule tutorial's compositions (its worked
// examples, its chains within chains and its backpropagation loss; the
// identities are in tutorial_test.cpp), each on its grid
// (scripts/gen_high_order_reference.py), against mpmath, and against
// Boost.Math's fvar at the same points (high_order.hpp). To order 20 where
// the forms compile in reasonable time, else to the order given
// (docs/accuracy.md, "Orders not compiled"): the cost of e^(sin x^2) grows
// about 2.5 times per order, that of ln cos x^3 1.6 times, and the loss does
// not compile at 18.
#include <boost/test/unit_test.hpp>

#include "high_order.hpp"
#include "reference/cube_affine.hpp"
#include "reference/exp_sin_square.hpp"
#include "reference/exp_square.hpp"
#include "reference/log_cos_cube.hpp"
#include "reference/log_square_plus_5.hpp"
#include "reference/loss.hpp"
#include "reference/sin_cubed_2x.hpp"
#include "reference/sqrt_square_plus_5.hpp"

using namespace chainrule;
namespace ref = high_order_reference;
using high_order::check;
using high_order::order_checked;

BOOST_AUTO_TEST_CASE(cube_affine_to_order_20) {
    check<Pow<Add<Mul<Int<2>, X>, Int<1>>, Int<3>>, 20>("cube_affine", ref::cube_affine, high_order::boost_cube_affine);
}
BOOST_AUTO_TEST_CASE(exp_square_to_order_20) {
    check<Exp<Pow<X, Int<2>>>, 20>("exp_square", ref::exp_square, high_order::boost_exp_square);
}
BOOST_AUTO_TEST_CASE(sqrt_square_plus_5_to_order_16_or_20) {
    check<Sqrt<Add<Pow<X, Int<2>>, Int<5>>>, order_checked(16, 20)>("sqrt_square_plus_5", ref::sqrt_square_plus_5,
                                                                    high_order::boost_sqrt_square_plus_5);
}
BOOST_AUTO_TEST_CASE(log_square_plus_5_to_order_16_or_20) {
    check<Log<Add<Pow<X, Int<2>>, Int<5>>>, order_checked(16, 20)>("log_square_plus_5", ref::log_square_plus_5,
                                                                   high_order::boost_log_square_plus_5);
}
BOOST_AUTO_TEST_CASE(sin_cubed_2x_to_order_20) {
    check<Pow<Sin<Mul<Int<2>, X>>, Int<3>>, 20>("sin_cubed_2x", ref::sin_cubed_2x, high_order::boost_sin_cubed_2x);
}
BOOST_AUTO_TEST_CASE(exp_sin_square_to_order_6) {
    check<Exp<Sin<Pow<X, Int<2>>>>, 6>("exp_sin_square", ref::exp_sin_square, high_order::boost_exp_sin_square);
}
BOOST_AUTO_TEST_CASE(log_cos_cube_to_order_8) {
    check<Log<Cos<Pow<X, Int<3>>>>, 8>("log_cos_cube", ref::log_cos_cube, high_order::boost_log_cos_cube);
}
BOOST_AUTO_TEST_CASE(loss_to_order_10) {
    check<Pow<Sub<Sigmoid<Relu<X>>, Rational<4, 5>>, Int<2>>, 10>("loss", ref::loss, high_order::boost_loss);
}
