// pow(x, 2.5): a floating exponent in the value syntax; the exponent is an
// exact constant (2.5_c, Rational<5, 2>).
// expected: chainrule: a plain number in an expression; write an exact constant: 3_c or 0.8_c
#include <chainrule.hpp>
using namespace chainrule;
constexpr auto x = X{};
auto unused = pow(x, 2.5);
