// Var<'\0'>: the empty name, as one character.
// expected: chainrule::Var<name>: a variable name has 1 to 15 characters
#include <chainrule.hpp>
using namespace chainrule;
constexpr Var<'\0'> unused{};
