// A domain error among many nodes during constant evaluation: ln(x - 3) in a
// sum of ten terms, at x = 1. The message names the error function; it does
// not list the codes of the nodes evaluated with it (19 KB from g++ when the
// error was raised inside the sweep; 4.0 KB now that it is raised from
// eval's frame: what remains is the sum itself, which g++ prints with the
// object eval<E> and with its class in that frame).
// expected: log_of_a_negative_number_is_undefined
#include <chainrule.hpp>
using namespace chainrule;
using E =
    Add<Sin<X>, Cos<X>, Exp<X>, Tanh<X>, Sigmoid<X>, Atan<X>, Mul<X, X, X>, Sinh<X>, Cosh<X>, Log<Sub<X, Int<3>>>>;
constexpr double v = eval<E>(1.0);
