// eval_at<E>(map) of a deep shared expression (the logistic map of
// eval_misuse_of_deep_expression.cpp at depth 16) with a value that is not a
// number: reported from the caller's line, without E (docs/limits.md).
// expected: x must be floating-point (float, double, long double)
#include <chainrule.hpp>
#include <chainrule/hana.hpp>
using namespace chainrule;
namespace hana = boost::hana;
using R = Var<"r">;
template <int K>
struct logistic {
    using prev = typename logistic<K - 1>::type;
    using type = Mul<R, Mul<prev, Sub<Int<1>, prev>>>;
};
template <>
struct logistic<0> {
    using type = X;
};
using L = logistic<16>::type;
double f() {
    return eval_at<L>(hana::make_map(hana::make_pair(hana::type_c<X>, 1), hana::make_pair(hana::type_c<R>, 2.0)));
}
