// A domain error among many nodes during constant evaluation: ln(x - 3) in a
// sum of twelve terms, at x = 1. The message names the error function; it does
// not list the codes of the nodes evaluated with it (22 KB from g++ when the
// error was raised inside the sweep). What remains long is the expression
// itself, which g++ prints in each of three frames (eval, evaluate and the
// sweep), 5.2 KB in all; clang++ 1.8 KB.
// expected: log_of_a_negative_number_is_undefined
// max-bytes: 6144 (g++ prints the twelve-term sum three times)
#include <chainrule.hpp>
using namespace chainrule;
using E = Add<Sin<X>, Cos<X>, Exp<X>, Tanh<X>, Sigmoid<X>, Atan<X>, Mul<X, X, X>, Sinh<X>, Cosh<X>, Asinh<X>, Erf<X>,
              Log<Sub<X, Int<3>>>>;
constexpr double v = eval<E>(1.0);
