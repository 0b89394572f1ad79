// The Hana views through chainrule::hana (find_package(chainrule COMPONENTS
// hana), or add_subdirectory).
#include <chainrule.hpp>
#include <chainrule/hana.hpp>

#include <boost/hana/pair.hpp>

#include <cstdio>

namespace hana = boost::hana;
using namespace chainrule;

static_assert(variables_c<Mul<Y, X>> == hana::tuple_t<X, Y>);

int main() {
    double v = eval_at<Mul<X, Y>>(
        hana::make_map(hana::make_pair(hana::type_c<X>, 2.0), hana::make_pair(hana::type_c<Y>, 3.0)));
    std::printf("%g\n", v);
    return v == 6.0 ? 0 : 1;
}
