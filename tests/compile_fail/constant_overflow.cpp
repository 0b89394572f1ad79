// Exact constants that overflow long long are an error, not a wrong answer;
// reported where the expression is used (here, made an object of).
// expected: chainrule::Add, Mul, Pow, D: an exact constant in this expression overflows long long
#include <chainrule.hpp>
using namespace chainrule;
using T = Mul<Int<4611686018427387904>, Int<4>>;
T unused;
