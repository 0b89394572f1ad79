// Exact constants that overflow long long are an error, not a wrong answer.
// expected: chainrule_constant_arithmetic_overflows_long_long
#include <chainrule.hpp>
using namespace chainrule;
using T = Mul<Int<4611686018427387904>, Int<4>>;
T* unused = nullptr;
