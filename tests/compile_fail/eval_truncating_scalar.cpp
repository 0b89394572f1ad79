// A user scalar whose division truncates (an integer-like type: x/2 at 3
// would be 1) is not a Scalar: here T(1) / T(2) == T(0) in a constant
// expression. (A type whose numeric_limits say is_integer is rejected too.)
// expected: chainrule::eval<E>(x): x must be floating-point (float, double, long double) or a user scalar type
#include <chainrule.hpp>
using namespace chainrule;
struct whole {
    long long v;
    constexpr whole(long long n) : v(n) {}
    friend constexpr whole operator+(whole a, whole b) { return a.v + b.v; }
    friend constexpr whole operator-(whole a, whole b) { return a.v - b.v; }
    friend constexpr whole operator*(whole a, whole b) { return a.v * b.v; }
    friend constexpr whole operator/(whole a, whole b) { return a.v / b.v; }
    friend constexpr whole operator-(whole a) { return -a.v; }
    friend constexpr bool operator==(whole, whole) = default;
};
auto unused = eval<Div<X, Int<2>>>(whole{3});
