// A domain error in the constant evaluation of a gradient (ln x at x = -1)
// names the error function, raised once the sweep has returned, by the
// report of the request's evaluate: 3.3 KB from g++ (14.7 KB when it was
// raised inside the sweep, 6.8 KB when raised at the end of reverse mode's
// forward sweep, below frames that each spell the expression).
// expected: log_of_a_negative_number_is_undefined
#include <chainrule.hpp>
using namespace chainrule;
constexpr auto g = eval<Gradient<Mul<Y, Log<X>>, X, Y>>(at<X>(-1.0), at<Y>(2.0));
