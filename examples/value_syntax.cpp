// Value-level syntax: write the function as ordinary C++ and get the same
// types as with the aliases.
#include <chainrule.hpp>

#include <cstdio>
#include <type_traits>

using namespace chainrule;

constexpr auto x = X{};
constexpr auto f = pow<3>(int_c<2> * x + int_c<1>);  // (2x + 1)^3
constexpr auto df = d(f, x);

static_assert(std::is_same_v<std::remove_const_t<decltype(f)>, Pow<Add<Mul<Int<2>, X>, Int<1>>, Int<3>>>);
static_assert(std::is_same_v<std::remove_const_t<decltype(df)>, Mul<Int<6>, Pow<Add<Mul<Int<2>, X>, Int<1>>, Int<2>>>>);
static_assert(df(1.0) == 54.0);

constexpr auto g = sigmoid(x) * tanh(x);
static_assert(d(g)(0.0) == 0.5);  // s(0) tanh'(0) + s'(0) tanh(0) = 1/2

int main() {
    for (double v : {-1.0, 0.0, 1.0})
        std::printf("x = %4.1f   f = %6.2f   f' = %6.2f   g' = %.6f\n", v, f(v), df(v), d(g)(v));
}
