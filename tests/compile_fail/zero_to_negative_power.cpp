// Pow<Int<0>, Int<-1>>: zero raised to a negative power, reported where the
// expression is used (here, differentiated).
// expected: chainrule::Pow<A, B>: zero raised to a negative power (division by zero)
#include <chainrule.hpp>
using namespace chainrule;
using T = D<Add<X, Pow<Int<0>, Int<-1>>>>;
T* unused = nullptr;
