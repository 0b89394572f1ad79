// eval<E>(point(...)) where the point lacks one of E's variables.
#include <chainrule.hpp>
using namespace chainrule;
auto unused = eval<Mul<X, Y>>(point(at<X>(1.0), at<Z>(2.0)));
