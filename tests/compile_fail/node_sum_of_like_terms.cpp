// Sum<X, Product<Int<2>, X>>, a sum written by hand with two like terms: Add
// collects them into Product<Int<3>, X>.
// expected: (the terms are not in the canonical order, or two are like terms)
#include <chainrule.hpp>
using namespace chainrule;
Sum<X, Product<Int<2>, X>> unused;
