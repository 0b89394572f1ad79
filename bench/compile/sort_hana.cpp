// Sorting 24 variables into canonical order with Boost.Hana's hana::sort,
// using chainrule's own comparison. Compare with sort_chainrule.cpp: the
// measurement that decided where the core uses Hana (docs/performance.md).
#include <chainrule.hpp>

#include <boost/hana/sort.hpp>
#include <boost/hana/tuple.hpp>
#include <boost/hana/type.hpp>

#include <cstdio>
#include <utility>

namespace hana = boost::hana;
using namespace chainrule;

template <std::size_t... I>
constexpr auto shuffled(std::index_sequence<I...>) {
    return hana::tuple_t<Var<var_name{static_cast<char>('a' + (I * 7) % 24)}>...>;
}

int main() {
    constexpr auto sorted = hana::sort(shuffled(std::make_index_sequence<24>{}), [](auto a, auto b) {
        return hana::bool_c < detail::compare_v<typename decltype(a)::type, typename decltype(b)::type><0>;
    });
    using First = typename decltype(+hana::front(sorted))::type;
    std::printf("%s\n", First::name.c_str());
}
