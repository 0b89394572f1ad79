// A misused eval of a deep shared expression: the logistic map
// l_{k+1} = r l_k (1 - l_k) from l_0 = x, with the rate r a variable, given
// one number at depth 16. l_16 printed as a tree is some 2^16 nodes: a
// report from inside a function of E was 6.6 MB from g++ and 17 MB from
// clang++. The report names the misuse and not E (docs/limits.md).
// expected: chainrule::eval<E>(x): E has more than one variable
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
double f(double x) { return eval<L>(x); }
constexpr double at_half = L{}(0.5);
