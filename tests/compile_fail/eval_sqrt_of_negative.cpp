// The square root of a negative number during constant evaluation.
// expected: sqrt_of_a_negative_number
// max-bytes: 0 (longer than 4 KB on g++; issue 12)
#include <chainrule.hpp>
using namespace chainrule;
constexpr double value = eval<D<Sqrt<Sub<Int<1>, Pow<X, Int<2>>>>>>(2.0);
