// The square root of a negative number during constant evaluation.
// expected: sqrt_of_a_negative_number
#include <chainrule.hpp>
using namespace chainrule;
constexpr double value = eval<D<Sqrt<Sub<Int<1>, Pow<X, Int<2>>>>>>(2.0);
