// The Boost.Hana views: iterate over an expression's variables with Hana and
// evaluate at a point given as a Hana map.
#include <chainrule.hpp>
#include <chainrule/hana.hpp>

#include <boost/hana/for_each.hpp>
#include <boost/hana/pair.hpp>

#include <cstdio>

namespace hana = boost::hana;
using namespace chainrule;

using F = Add<Mul<Pow<X, Int<2>>, Y>, Sin<Z>>;  // x^2 y + sin z

static_assert(variables_c<F> == hana::tuple_t<X, Y, Z>);

int main() {
    constexpr auto p = point(at<X>(3.0), at<Y>(2.0), at<Z>(0.5));
    hana::for_each(variables_c<F>, [&](auto v) {
        using V = typename decltype(v)::type;
        std::printf("dF/d%s = %g\n", V::name.c_str(), eval<D<F, V>>(p));
    });
    auto m = hana::make_map(hana::make_pair(hana::type_c<X>, 3.0), hana::make_pair(hana::type_c<Y>, 2.0),
                            hana::make_pair(hana::type_c<Z>, 0.5));
    std::printf("F = %g\n", eval_at<F>(m));
}
