// A domain error met while the compiler evaluates an expression is a compile
// error naming the function and the problem: here d/dx ln(x) is fine, but
// ln(x) itself is evaluated at -1.
// expected: log_of_a_negative_number_is_undefined
#include <chainrule.hpp>
using namespace chainrule;
constexpr double value = eval<Add<Log<X>, D<Log<X>>>>(-1.0);
