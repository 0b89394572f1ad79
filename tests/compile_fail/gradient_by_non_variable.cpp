// A gradient is taken by variables, not by expressions.
#include <chainrule.hpp>
using namespace chainrule;
auto f() { return eval<Gradient<Sin<X>, Sin<X>>>(0.5); }
