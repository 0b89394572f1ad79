// Mirrors chainrule/hana.hpp.
// The Boost.Hana views: variables as a Hana tuple of types, points as Hana maps.
#include <boost/test/unit_test.hpp>

#include <chainrule.hpp>
#include <chainrule/hana.hpp>

#include <boost/hana/equal.hpp>
#include <boost/hana/for_each.hpp>
#include <boost/hana/length.hpp>
#include <boost/hana/pair.hpp>

#include <cmath>
#include <string>

namespace hana = boost::hana;
using namespace chainrule;

// Canonical order, whatever the order of first appearance.
static_assert(variables_c<Mul<Z, Add<Y, X>>> == hana::tuple_t<X, Y, Z>);
static_assert(variables_c<Add<Var<"w2">, Var<"w1">>> == hana::tuple_t<Var<"w1">, Var<"w2">>);
static_assert(hana::length(variables_c<Int<3>>) == hana::size_c<0>);

// A Hana map is a point, in constant expressions too.
static_assert(eval_at<Mul<X, Y>>(hana::make_map(hana::make_pair(hana::type_c<Y>, 3.0),
                                                hana::make_pair(hana::type_c<X>, 2.0))) == 6.0);

BOOST_AUTO_TEST_CASE(gradient_by_hana_for_each) {
    // The partials of x^2 y + sin(z), one per variable, by iterating the set.
    using F = Add<Mul<Pow<X, Int<2>>, Y>, Sin<Z>>;
    auto point = hana::make_map(hana::make_pair(hana::type_c<X>, 3.0), hana::make_pair(hana::type_c<Y>, 2.0),
                                hana::make_pair(hana::type_c<Z>, 0.5));
    std::string names;
    double partials[3] = {};
    int i = 0;
    hana::for_each(variables_c<F>, [&](auto v) {
        using V = typename decltype(v)::type;
        names += V::name.c_str();
        // A partial may not depend on every variable (d/dz leaves no x), and a
        // binding of a variable the expression lacks is an error: bind just
        // the partial's own variables, read from the point.
        using Partial = D<F, V>;
        partials[i++] = hana::unpack(variables_c<Partial>, [&](auto... w) {
            return eval_at<Partial>(hana::make_map(hana::make_pair(w, point[w])...));
        });
    });
    BOOST_TEST(names == "xyz");
    BOOST_TEST(partials[0] == 12.0);  // 2xy
    BOOST_TEST(partials[1] == 9.0);   // x^2
    BOOST_TEST(partials[2] == std::cos(0.5));
}
