// point(at<X>(1.0), at<X>(2.0)): a variable bound twice.
#include <chainrule.hpp>
using namespace chainrule;
auto unused = point(at<X>(1.0), at<X>(2.0));
