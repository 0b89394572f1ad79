// The derivatives of orders 0 to 20 of the elementary functions (exp ...
// log10), erf, erfc, gelu, and the piecewise functions away from their kink
// at 0, each on its grid in [-40, 40] (scripts/gen_high_order_reference.py),
// against mpmath, and against Boost.Math's fvar at the same points
// (high_order.hpp). sqrt to order 18 and cbrt to 16: the next order does not
// compile (an exact coefficient overflows long long), and the ones after it
// are silently 0 (docs/accuracy.md, "Known gaps").
#include <boost/test/unit_test.hpp>

#include "high_order.hpp"
#include "reference/abs.hpp"
#include "reference/cbrt.hpp"
#include "reference/cos.hpp"
#include "reference/cosh.hpp"
#include "reference/elu.hpp"
#include "reference/erf.hpp"
#include "reference/erfc.hpp"
#include "reference/exp.hpp"
#include "reference/exp2.hpp"
#include "reference/expm1.hpp"
#include "reference/gelu.hpp"
#include "reference/leaky_relu.hpp"
#include "reference/log.hpp"
#include "reference/log10.hpp"
#include "reference/log1p.hpp"
#include "reference/log2.hpp"
#include "reference/relu.hpp"
#include "reference/sign.hpp"
#include "reference/sin.hpp"
#include "reference/sinh.hpp"
#include "reference/softsign.hpp"
#include "reference/sqrt.hpp"
#include "reference/step.hpp"

using namespace chainrule;
namespace ref = high_order_reference;
using high_order::check;

BOOST_AUTO_TEST_CASE(exp_to_order_20) { check<Exp<X>, 20>("exp", ref::exp, high_order::boost_exp); }
BOOST_AUTO_TEST_CASE(log_to_order_20) { check<Log<X>, 20>("log", ref::log, high_order::boost_log); }
BOOST_AUTO_TEST_CASE(sqrt_to_order_18) { check<Sqrt<X>, 18>("sqrt", ref::sqrt, high_order::boost_sqrt); }
BOOST_AUTO_TEST_CASE(cbrt_to_order_16) { check<Cbrt<X>, 16>("cbrt", ref::cbrt, high_order::boost_cbrt); }
BOOST_AUTO_TEST_CASE(sin_to_order_20) { check<Sin<X>, 20>("sin", ref::sin, high_order::boost_sin); }
BOOST_AUTO_TEST_CASE(cos_to_order_20) { check<Cos<X>, 20>("cos", ref::cos, high_order::boost_cos); }
BOOST_AUTO_TEST_CASE(sinh_to_order_20) { check<Sinh<X>, 20>("sinh", ref::sinh, high_order::boost_sinh); }
BOOST_AUTO_TEST_CASE(cosh_to_order_20) { check<Cosh<X>, 20>("cosh", ref::cosh, high_order::boost_cosh); }
BOOST_AUTO_TEST_CASE(exp2_to_order_20) { check<Exp2<X>, 20>("exp2", ref::exp2, high_order::boost_exp2); }
BOOST_AUTO_TEST_CASE(expm1_to_order_20) { check<Expm1<X>, 20>("expm1", ref::expm1, high_order::boost_expm1); }
BOOST_AUTO_TEST_CASE(log1p_to_order_20) { check<Log1p<X>, 20>("log1p", ref::log1p, high_order::boost_log1p); }
BOOST_AUTO_TEST_CASE(log2_to_order_20) { check<Log2<X>, 20>("log2", ref::log2, high_order::boost_log2); }
BOOST_AUTO_TEST_CASE(log10_to_order_20) { check<Log10<X>, 20>("log10", ref::log10, high_order::boost_log10); }
BOOST_AUTO_TEST_CASE(erf_to_order_20) { check<Erf<X>, 20>("erf", ref::erf, high_order::boost_erf); }
BOOST_AUTO_TEST_CASE(erfc_to_order_20) { check<Erfc<X>, 20>("erfc", ref::erfc, high_order::boost_erfc); }
BOOST_AUTO_TEST_CASE(gelu_to_order_20) { check<Gelu<X>, 20>("gelu", ref::gelu, high_order::boost_gelu); }
BOOST_AUTO_TEST_CASE(relu_to_order_20) { check<Relu<X>, 20>("relu", ref::relu, high_order::boost_relu); }
BOOST_AUTO_TEST_CASE(abs_to_order_20) { check<Abs<X>, 20>("abs", ref::abs, high_order::boost_abs); }
BOOST_AUTO_TEST_CASE(leaky_relu_to_order_20) {
    check<LeakyRelu<X>, 20>("leaky_relu", ref::leaky_relu, high_order::boost_leaky_relu);
}
BOOST_AUTO_TEST_CASE(step_to_order_20) { check<Step<X>, 20>("step", ref::step, high_order::boost_step); }
BOOST_AUTO_TEST_CASE(sign_to_order_20) { check<Sign<X>, 20>("sign", ref::sign, high_order::boost_sign); }
BOOST_AUTO_TEST_CASE(heaviside_to_order_20) {
    check<Heaviside<X, Rational<1, 2>>, 20>("heaviside", ref::step, high_order::boost_step);
}
BOOST_AUTO_TEST_CASE(elu_to_order_20) { check<Elu<X>, 20>("elu", ref::elu, high_order::boost_elu); }
BOOST_AUTO_TEST_CASE(softsign_to_order_20) {
    check<Softsign<X>, 20>("softsign", ref::softsign, high_order::boost_softsign);
}
