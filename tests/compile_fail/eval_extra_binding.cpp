// A value for a variable the expression lacks is an error that spells its name: w1.
#include <chainrule.hpp>
using namespace chainrule;
double f() { return eval<Sin<X>>(at<X>(1.0), at<Var<"w1">>(2.0)); }
