// A misused gradient of a deep shared expression (the logistic map of
// eval_misuse_of_deep_expression.cpp at depth 16): a binding is missing. The
// report spells the variable, r, and not the expression (docs/limits.md).
// expected: variable_has_no_value<chainrule::detail::variable_named<'r'>
#include <chainrule.hpp>
using namespace chainrule;
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
auto f(double x) { return eval<Gradient<L, X, R>>(at<X>(x)); }
auto g(double x) { return Gradient<L, X>{}(point(at<X>(x))); }
