// The size of the logistic map's types: distinct nodes and operands of the
// graph of l_n and of D<l_n>, constants counted as nodes (as dag_size_v
// counts them). The canonical form flattens products (Mul<X, Y, Z> is
// Mul<Mul<X, Y>, Z>), so l_n is a product of n + 2 factors and the type grows
// faster than n; docs/performance.md, eighteenth pass.
//
//   g++ -std=c++20 -Iinclude -Ibench/scale -DSIZE=16 bench/scale/type_size.cpp && ./a.out
//   (-DNO_D for f alone, at depths where D takes too long)
#include "families.hpp"

#include <cstdio>

#ifndef SIZE
#define SIZE 8
#endif

using F = scale::logistic<SIZE>;
template <class E>
using graph_of = chainrule::detail::graph<chainrule::detail::graph_builder<chainrule::detail::no_payload, true>,
                                          chainrule::detail::type_list<>, E>;

int main() {
    std::printf("n = %d: l_n %zu nodes, %zu operands", SIZE, graph_of<F::function>::sizes.nodes,
                graph_of<F::function>::sizes.ops);
#ifndef NO_D
    std::printf("; D<l_n> %zu nodes, %zu operands", graph_of<F::derivative>::sizes.nodes,
                graph_of<F::derivative>::sizes.ops);
#endif
    std::printf("\n");
}
