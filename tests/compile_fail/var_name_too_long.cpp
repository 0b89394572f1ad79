// A variable name has at most 15 characters.
// expected: chainrule::Var<name>: a variable name has 1 to 15 characters
#include <chainrule.hpp>
using namespace chainrule;
using T = Var<"abcdefghijklmnop">;
T* unused = nullptr;
