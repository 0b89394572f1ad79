// Sorting 24 variables into canonical order with chainrule's own Add (a
// balanced tree of linear merges). Compare with sort_hana.cpp.
#include <chainrule.hpp>

#include <cstdio>
#include <utility>

using namespace chainrule;

template <std::size_t... I>
auto shuffled(std::index_sequence<I...>) ->
    typename detail::sum_all<Int<0>, Var<var_name{static_cast<char>('a' + (I * 7) % 24)}>...>::type;

int main() {
    using Sorted = decltype(shuffled(std::make_index_sequence<24>{}));
    std::printf("%zu\n", node_count_v<Sorted>);
}
