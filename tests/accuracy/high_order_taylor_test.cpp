// The derivatives of orders 0 to 20 in Taylor mode,
// eval<TaylorPartial<E, Order<X, n>>>, of the compositions whose symbolic
// derivatives D<E, X, n> the suite checks only to a lower order
// (high_order_tutorial_test.cpp, high_order_silu_test.cpp: e^(sin x^2) to 6,
// ln cos x^3 to 8, the tutorial's loss and x sigma(x) to 10; past those the
// symbolic forms grow too large to compile, docs/accuracy.md, "Orders not
// compiled"). Each on its grid, against mpmath, and against Boost.Math's fvar
// at the same points, by the criteria of the symbolic checks (high_order.hpp,
// compare); the rows are named <function>_taylor. TaylorPartial's compile
// cost is the graph of E plus each function's own derivatives (sigma's to
// order 20 for the last two, which is why they share this test).
//
// Also sqrt and cbrt, whose D the suite checks to 18 and 16 only (their
// exact constants overflow past those orders): in Taylor mode their
// coefficients are computed by formula (detail/taylor.hpp,
// taylor_root_coefficients), to any order.
#include <boost/test/unit_test.hpp>

#include "high_order.hpp"
#include "reference/cbrt.hpp"
#include "reference/exp_sin_square.hpp"
#include "reference/log_cos_cube.hpp"
#include "reference/loss.hpp"
#include "reference/silu.hpp"
#include "reference/sqrt.hpp"

using namespace chainrule;
namespace ref = high_order_reference;
using high_order::check_taylor;

BOOST_AUTO_TEST_CASE(exp_sin_square_to_order_20_in_taylor_mode) {
    check_taylor<Exp<Sin<Pow<X, Int<2>>>>>("exp_sin_square_taylor", ref::exp_sin_square,
                                           high_order::boost_exp_sin_square);
}
BOOST_AUTO_TEST_CASE(log_cos_cube_to_order_20_in_taylor_mode) {
    check_taylor<Log<Cos<Pow<X, Int<3>>>>>("log_cos_cube_taylor", ref::log_cos_cube, high_order::boost_log_cos_cube);
}
BOOST_AUTO_TEST_CASE(loss_to_order_20_in_taylor_mode) {
    check_taylor<Pow<Sub<Sigmoid<Relu<X>>, Rational<4, 5>>, Int<2>>>("loss_taylor", ref::loss, high_order::boost_loss);
}
BOOST_AUTO_TEST_CASE(silu_to_order_20_in_taylor_mode) {
    check_taylor<Mul<X, Sigmoid<X>>>("silu_taylor", ref::silu, high_order::boost_silu);
}
BOOST_AUTO_TEST_CASE(sqrt_and_cbrt_to_order_20_in_taylor_mode) {
    check_taylor<Sqrt<X>>("sqrt_taylor", ref::sqrt, high_order::boost_sqrt);
    check_taylor<Cbrt<X>>("cbrt_taylor", ref::cbrt, high_order::boost_cbrt);
}
