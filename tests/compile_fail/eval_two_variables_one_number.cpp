// eval<E>(x) where E has two variables.
#include <chainrule.hpp>
using namespace chainrule;
auto unused = eval<Mul<X, Y>>(2.0);
