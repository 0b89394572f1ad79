// A variable with no value is an error that spells its name: w1.
#include <chainrule.hpp>
using namespace chainrule;
double f() { return eval<Mul<X, Var<"w1">>>(at<X>(1.0)); }
