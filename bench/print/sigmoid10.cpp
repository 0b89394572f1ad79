// What printing costs at compile time: the 10th derivative of the sigmoid,
// evaluated (always) and printed in the notations PRINT selects (0: none,
// 1: to_text, 4: all four), by bench/print/compile_cost.sh.
#include <chainrule.hpp>

#include <cstdio>

using namespace chainrule;
using E = D<Sigmoid<X>, X, 10>;

int main() {
#if PRINT >= 1
    constexpr auto text = to_text<E>();
    std::printf("%s\n", text.c_str());
#endif
#if PRINT >= 4
    constexpr auto latex = to_latex<E>();
    constexpr auto mathml = to_mathml<E>();
    constexpr auto cpp = to_cpp<E>();
    std::printf("%zu %zu %zu\n", latex.size(), mathml.size(), cpp.size());
#endif
    std::printf("%g\n", eval<E>(0.5));
}
