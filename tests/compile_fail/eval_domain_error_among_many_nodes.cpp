// A domain error among many nodes during constant evaluation: ln(x - 3) in a
// sum of ten terms, at x = 1. The message names the error function; it does
// not list the codes of the nodes evaluated with it (19 KB from g++ when the
// error was raised inside the sweep, now 3.6 KB: what remains is the sum
// itself, which g++ prints in eval's frame and in the sweep's).
// expected: log_of_a_negative_number_is_undefined
#include <chainrule.hpp>
using namespace chainrule;
using E =
    Add<Sin<X>, Cos<X>, Exp<X>, Tanh<X>, Sigmoid<X>, Atan<X>, Mul<X, X, X>, Sinh<X>, Cosh<X>, Log<Sub<X, Int<3>>>>;
constexpr double v = eval<E>(1.0);
