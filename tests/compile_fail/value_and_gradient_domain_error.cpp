// A domain error in the constant evaluation of ValueAndGradient (sqrt x at
// x = -4) names the error function, raised once its sweep has returned.
// expected: sqrt_of_a_negative_number_is_undefined

#include <chainrule.hpp>
using namespace chainrule;
constexpr auto g = eval<ValueAndGradient<Mul<Y, Sqrt<X>>, X, Y>>(at<X>(-4.0), at<Y>(2.0));
