// A domain error in the constant evaluation of a Jacobian names the error
// function, raised once its sweep has returned. At x = 2 the second row's
// asin x is not computed (the Jacobian needs only its derivative), and the
// derivative 1/sqrt(1 - x^2) is the call that fails.
// expected: sqrt_of_a_negative_number_is_undefined

#include <chainrule.hpp>
using namespace chainrule;
constexpr auto j = eval<Jacobian<Functions<Mul<X, Y>, Add<Y, Asin<X>>>, X, Y>>(at<X>(2.0), at<Y>(1.0));
