// Gradient<E, Vars<"w", 2>, Var<"w", 1>>: w[1] is named twice.
// expected: chainrule::Gradient<E, Vs...>: a variable is named twice
#include <array>
#include <chainrule.hpp>
using namespace chainrule;
auto unused = eval<Gradient<Var<"w", 1>, Vars<"w", 2>, Var<"w", 1>>>(at<Vars<"w", 2>>(std::array{1.0, 2.0}));
