// A domain error in the constant evaluation of a gradient (ln x at x = -1)
// is reported by the forward sweep of reverse mode as eval's is, naming the
// error function (14.7 KB from g++ when it was raised inside the sweep; the
// frames of gradient.hpp that name the request still print the expression).
// expected: log_of_a_negative_number_is_undefined
// max-bytes: 8192 (g++ prints the request types of gradient.hpp's frames, 6.6 KB)
#include <chainrule.hpp>
using namespace chainrule;
constexpr auto g = eval<Gradient<Mul<Y, Log<X>>, X, Y>>(at<X>(-1.0), at<Y>(2.0));
