// to_cpp<E>() computes what eval<E> computes: the functions generated from
// to_cpp (by cpp_generate.cpp, compiled into this test) are called at a grid
// of points and compared with eval of the same expressions.
#include "random_expressions.hpp"

#include <boost/test/unit_test.hpp>

#include <chainrule.hpp>
#include <cmath>
#include <utility>

extern double (*const generated[])(double, double);

namespace {

using namespace chainrule;

bool same_value(double a, double b) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
    if (std::isinf(a) || std::isinf(b)) return a == b;
    return std::fabs(a - b) <= 1e-9 * (1.0 + std::fabs(b));
}

int compared = 0, in_domain = 0;

template <class E>
void compare(std::size_t index) {
    for (double x : {-1.75, -0.5, 0.3, 1.0, 2.5})
        for (double y : {-0.8, 0.6, 1.9}) {
            const double expected = eval<E>(point(at<X>(x), at<Y>(y)));
            const double got = generated[index](x, y);
            BOOST_CHECK_MESSAGE(same_value(got, expected),
                                "to_cpp of expression " << index << " at x = " << x << ", y = " << y << ": " << got
                                                        << " but eval gives " << expected << "\n  " << to_cpp<E>());
            ++compared;
            in_domain += std::isfinite(expected) ? 1 : 0;
        }
}

template <std::size_t... I>
void compare_all(std::index_sequence<I...>) {
    (compare<random_expressions::expression<I>>(2 * I), ...);
    (compare<D<random_expressions::expression<I>, X>>(2 * I + 1), ...);
}

}  // namespace

BOOST_AUTO_TEST_CASE(generated_code_computes_the_same_values) {
    compare_all(std::make_index_sequence<random_expressions::count>{});
    BOOST_TEST(compared == 2 * 15 * static_cast<int>(random_expressions::count));
    BOOST_TEST(in_domain > compared / 2);  // most points are in the domain: the comparison is not NaN against NaN
}
