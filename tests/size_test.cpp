// Mirrors chainrule/size.hpp: node_count_v, the size of an expression's tree
// (every node, constants included, a repeated subexpression each time it
// occurs), and dag_size_v, the number of its distinct subexpressions. The
// file compiling is the test.

#include <chainrule/size.hpp>

#include <chainrule/arithmetic.hpp>
#include <chainrule/derivative.hpp>
#include <chainrule/functions.hpp>

using namespace chainrule;

namespace {

// Leaves are one node, whatever they are.
static_assert(node_count_v<X> == 1 && dag_size_v<X> == 1);
static_assert(node_count_v<Int<-3>> == 1 && node_count_v<Rational<1, 2>> == 1 && node_count_v<Pi> == 1);

// A node counts itself and its operands.
static_assert(node_count_v<Mul<Int<2>, X>> == 3);
static_assert(node_count_v<Sigmoid<X>> == 2);
static_assert(node_count_v<Atan2<Y, X>> == 3);
static_assert(node_count_v<Pow<X, Y>> == 3 && dag_size_v<Pow<X, Y>> == 3);
static_assert(node_count_v<Add<X, Y, Z>> == 4);   // one sum of three terms, not two sums
static_assert(node_count_v<D<Sigmoid<X>>> == 9);  // s (1 + (-1) s): Product, s, x, Sum, 1, Product, -1, s, x
static_assert(dag_size_v<D<Sigmoid<X>>> == 7);    // x, s, 1, -1, -s, 1 - s, s (1 - s)

// A subexpression that occurs twice is two subtrees and one node of the graph.
static_assert(dag_size_v<Mul<Sin<X>, Cos<Sin<X>>>> == 4);
static_assert(node_count_v<Mul<Sin<X>, Cos<Sin<X>>>> == 6);
static_assert(node_count_v<Add<Sin<X>, Cos<X>>> == 5 && dag_size_v<Add<Sin<X>, Cos<X>>> == 4);

}  // namespace
