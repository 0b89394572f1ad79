// A gradient needs every variable of its function: y has no value.
#include <chainrule.hpp>
using namespace chainrule;
auto f() { return eval<Gradient<Mul<X, Y>, X, Y>>(at<X>(1.0)); }
