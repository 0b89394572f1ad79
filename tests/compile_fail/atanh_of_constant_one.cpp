// atanh(1) is infinite (a compile error during constant evaluation too), and
// known to be so when the type is formed.
// expected: chainrule::Atanh<A>: A is the constant 1 or -1, where atanh is infinite
#include <chainrule.hpp>
using namespace chainrule;
using T = Add<X, Atanh<Int<1>>>;
T* unused = nullptr;
