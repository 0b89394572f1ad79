// Var<"a\0b">: a NUL inside a name would make it stand for Var<"a"> (names
// compare up to the first NUL), so a*b would evaluate as a^2.
// expected: chainrule_variable_name_has_a_nul_character
#include <chainrule.hpp>
using namespace chainrule;
using T = Var<"a\0b">;
T* unused = nullptr;
