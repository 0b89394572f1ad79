// A domain error in the constant evaluation of a Hessian (ln x at x = -1, in
// the partial d/dy of y x ln x) names the error function, raised once its
// sweep has returned.
// expected: log_of_a_negative_number_is_undefined

#include <chainrule.hpp>
using namespace chainrule;
constexpr auto h = eval<Hessian<Mul<Y, X, Log<X>>, X, Y>>(at<X>(-1.0), at<Y>(2.0));
