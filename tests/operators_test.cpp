// Mirrors chainrule/operators.hpp: the value-level syntax. + - * /, unary
// -, pow and d written on values land on the same types as the aliases (and
// fold the same way), and every value is an empty object. The file compiling
// is the test. (A plain number beside an expression is a compile error:
// compile_fail/value_syntax_plain_number.cpp.)

#include <chainrule/operators.hpp>

#include <chainrule/eval.hpp>

#include <type_traits>

using namespace chainrule;

namespace {

template <class A, class B>
inline constexpr bool same = std::is_same_v<A, B>;

constexpr auto x = X{};
constexpr auto y = Y{};
constexpr auto f = sigmoid(x);
constexpr auto df = d(f, x);

// d(f), d(f, x) and d<N>(f, x) are D<F>, D<F, X> and D<F, X, N>.
static_assert(same<std::remove_const_t<decltype(df)>, D<Sigmoid<X>>>);
static_assert(same<decltype(d(sigmoid(x), x)), D<Sigmoid<X>>>);
static_assert(same<decltype(d(f)), D<Sigmoid<X>>>);
static_assert(df(0.0) == 0.25);
static_assert(same<decltype(d<2>(sin(x), x)), Neg<Sin<X>>>);
static_assert(same<decltype(d(sin(x) * y, y)), Sin<X>>);
static_assert(same<decltype(d<3>(x * x, x)), Int<0>>);

// The operators are the aliases, canonical forms and folds included.
static_assert(same<decltype(x + x), Mul<Int<2>, X>>);
static_assert(same<decltype(x * x), Pow<X, Int<2>>>);
static_assert(same<decltype(x - x), Int<0>>);
static_assert(same<decltype(x / x), Int<1>>);
static_assert(same<decltype(-(-x)), X>);
static_assert(same<decltype(+x), X>);
static_assert(same<decltype(y + x), Add<X, Y>> && same<decltype(x * y), decltype(y * x)>);
static_assert(same<decltype(x - y), Sub<X, Y>> && same<decltype(x / y), Div<X, Y>> && same<decltype(-y), Neg<Y>>);
static_assert(same<decltype(pow(f, int_c<3>)), Pow<Sigmoid<X>, Int<3>>>);
static_assert(same<decltype(pow<3>(f)), Pow<Sigmoid<X>, Int<3>>>);
static_assert(same<decltype(pow(x, y)), Pow<X, Y>>);
static_assert(same<decltype(pow(int_c<2> * x + int_c<1>, int_c<3>)), Pow<Add<Mul<Int<2>, X>, Int<1>>, Int<3>>>);
static_assert(
    same<decltype(d(pow<3>(int_c<2> * x + int_c<1>))), Mul<Int<6>, Pow<Add<Mul<Int<2>, X>, Int<1>>, Int<2>>>>);

// Every function by its lower-case name.
static_assert(same<decltype(exp(x) * log(x) + sqrt(x) - tanh(x) / cos(x)),
                   Sub<Add<Mul<Exp<X>, Log<X>>, Sqrt<X>>, Div<Tanh<X>, Cos<X>>>>);
static_assert(same<decltype(relu(x) + abs(x) + tan(x)), Add<Add<Relu<X>, Abs<X>>, Tan<X>>>);

// A value is an empty object: all of it is in its type.
static_assert(sizeof(decltype(x)) == 1);
static_assert(std::is_empty_v<std::remove_const_t<decltype(df)>> && sizeof(decltype(x * y + f)) == 1);

}  // namespace
