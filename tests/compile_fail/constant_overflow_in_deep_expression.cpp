// A constant that overflows inside a deep shared expression: the logistic map
// l_{k+1} = 16 l_k (1 - l_k) from l_0 = x, whose flattened coefficient 16^16
// overflows long long at depth 16. l_15 printed as a tree is some 2^15 nodes;
// a message that printed the expressions around the overflow was 28 MB long
// (and ran g++ out of memory at depth 32 with the rate 4). The report names
// no expression.
// expected: chainrule::Add, Mul, Pow, D: an exact constant in this expression overflows long long
#include <chainrule.hpp>
using namespace chainrule;
template <int K>
struct logistic {
    using prev = typename logistic<K - 1>::type;
    using type = Mul<Int<16>, Mul<prev, Sub<Int<1>, prev>>>;
};
template <>
struct logistic<0> {
    using type = X;
};
double f(double x) { return eval<D<logistic<16>::type>>(x); }
