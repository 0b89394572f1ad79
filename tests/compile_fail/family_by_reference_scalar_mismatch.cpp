// at<Vars<"w", 1>>(std::cref(floats)) beside at<X>(1.0): the point's scalar is
// double, and a family bound by reference is read where it is, as floats.
// expected: a family bound by reference is read where it is, so its numbers must be of the point's scalar type
#include <chainrule.hpp>

#include <functional>

using namespace chainrule;
const float w[1] = {2.0f};
auto unused = eval<Add<Var<"w", 0>, X>>(at<Vars<"w", 1>>(std::cref(w)), at<X>(1.0));
