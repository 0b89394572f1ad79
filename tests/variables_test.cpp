// Mirrors chainrule/variables.hpp: variables_t<E>, the variables E depends
// on as a list of types, each once, in the order a walk of E's graph meets
// them (operands first, in the order the canonical form holds them), and
// variable_count_v<E>, how many there are. The file compiling is the test.

#include <chainrule/variables.hpp>

#include <chainrule/arithmetic.hpp>
#include <chainrule/derivative.hpp>
#include <chainrule/functions/atan2.hpp>
#include <chainrule/functions/exp.hpp>
#include <chainrule/functions/pi.hpp>
#include <chainrule/functions/sin.hpp>

#include <type_traits>

using namespace chainrule;

namespace {

template <class A, class B>
inline constexpr bool same = std::is_same_v<A, B>;
template <class... Vs>
using list = detail::type_list<Vs...>;

// Constants, and expressions that only look like they depend on something.
static_assert(same<variables_t<Int<3>>, list<>> && variable_count_v<Int<3>> == 0);
static_assert(same<variables_t<Mul<Pi, Rational<1, 2>>>, list<>>);
static_assert(same<variables_t<Sub<X, X>>, list<>>);  // x - x is Int<0>

// Each variable once, however often it occurs.
static_assert(same<variables_t<Sin<X>>, list<X>>);
static_assert(same<variables_t<Add<X, Sin<X>, Exp<Mul<Int<2>, X>>>>, list<X>>);
static_assert(variable_count_v<Add<X, Sin<X>, Exp<Mul<Int<2>, X>>>> == 1);

// In the order they are met: operands in the order of the canonical form,
// so the spelling does not matter, and a power's base before its exponent.
static_assert(same<variables_t<Mul<X, Y>>, list<X, Y>> && same<variables_t<Mul<Y, X>>, list<X, Y>>);
static_assert(same<variables_t<Pow<Y, X>>, list<Y, X>>);
static_assert(same<variables_t<Atan2<Y, X>>, list<Y, X>>);
static_assert(variable_count_v<Add<Mul<Z, Y>, Sin<X>>> == 3);

// Indexed variables are variables of their own, indices and all.
static_assert(same<variables_t<Var<"w", 1, 2>>, list<Var<"w", 1, 2>>>);
static_assert(variable_count_v<Add<Var<"w">, Var<"w", 0>, Var<"w", 1>, Var<"w", 0, 1>>> == 4);

// The variables of a derivative are the derivative's own, not its function's.
static_assert(same<variables_t<D<Mul<X, Y>, X>>, list<Y>>);
static_assert(variable_count_v<D<Pow<X, Int<2>>, X, 3>> == 0);
static_assert(same<variables_t<D<Mul<Sin<X>, Y>, Y>>, list<X>>);

}  // namespace
