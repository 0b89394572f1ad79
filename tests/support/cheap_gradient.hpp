#pragma once

// Measures the cheap-gradient principle on two_layer_net: the counted
// operations of the loss and of its full gradient (see counting_test.cpp).

#include <chainrule.hpp>

#include "counting_scalar.hpp"
#include "two_layer_net.hpp"

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdio>
#include <utility>

namespace cheap_gradient {

using namespace chainrule;
using counting::count;
using counting::reset;
using S = counting::scalar;

struct cost {
    long long loss, gradient, one_partial_at_a_time;
};

// How the gradient is checked: against the symbolic partials D<L, p>, each
// evaluated on its own (which also counts what that costs), or, for the big
// network, against central differences of L (which keeps the compile time of
// this test low: D<L, p> for 81 parameters is 81 more expressions to build).
enum class check { symbolic_partials, differences };

template <class Net, check How, std::size_t... P>
cost measure(std::index_sequence<P...>) {
    const auto at = Net::template sample_point<S>();
    reset();
    const S l = Net::template evaluate<typename Net::loss>(at);
    const long long loss = count.operations();
    reset();
    const auto g = Net::template evaluate<typename Net::gradient>(at);
    const long long gradient = count.operations();
    BOOST_TEST(std::isfinite(l.v));

    long long separately = 0;
    if constexpr (How == check::symbolic_partials) {
        reset();
        const S partial[] = {Net::template evaluate<D<typename Net::loss, typename Net::template param<P>>>(at)...};
        separately = count.operations();
        for (std::size_t k = 0; k < Net::parameters; ++k) {
            BOOST_TEST_INFO("parameter " << k);
            BOOST_TEST(g[k].v == partial[k].v, boost::test_tools::tolerance(1e-12));
        }
    } else {
        for (std::size_t k = 0; k < Net::parameters; ++k) {
            const double h = 1e-6;
            auto moved = at;
            moved.p[k] = S(at.p[k].v + h);
            const double up = Net::template evaluate<typename Net::loss>(moved).v;
            moved.p[k] = S(at.p[k].v - h);
            const double down = Net::template evaluate<typename Net::loss>(moved).v;
            BOOST_TEST_INFO("parameter " << k);
            BOOST_TEST(g[k].v == (up - down) / (2 * h), boost::test_tools::tolerance(1e-6));
        }
    }
    return {loss, gradient, separately};
}

template <class Net, check How>
double check_cheap_gradient() {
    const cost c = measure<Net, How>(std::make_index_sequence<Net::parameters>{});
    const double ratio = double(c.gradient) / double(c.loss);
    std::printf("k = %2zu weights (%2zu parameters): L %4lld ops, gradient %4lld ops, ratio %.2f", Net::weights,
                Net::parameters, c.loss, c.gradient, ratio);
    if (How == check::symbolic_partials)
        std::printf("; one partial at a time %6lld ops (%.1f x L)", c.one_partial_at_a_time,
                    double(c.one_partial_at_a_time) / double(c.loss));
    std::printf("\n");
    BOOST_TEST(c.gradient <= 3 * c.loss);
    return ratio;
}

}  // namespace cheap_gradient
