// Var<"">: a variable name has at least one character.
// expected: chainrule::Var<name>: a variable name has 1 to 15 characters
#include <chainrule.hpp>
using namespace chainrule;
using T = Var<"">;
T* unused = nullptr;
