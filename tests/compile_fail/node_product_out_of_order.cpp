// Product<Int<2>, Y, X>, a product written by hand with its factors out of
// the canonical order: Mul<Int<2>, Y, X> is Product<Int<2>, X, Y>.
// expected: chainrule::Product<Fs...>: not a canonical form (the factors are not in the canonical order
#include <chainrule.hpp>
using namespace chainrule;
Product<Int<2>, Y, X> unused;
