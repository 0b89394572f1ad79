// Mirrors chainrule/expression.hpp: the node vocabulary. The constants
// Int<N> and Ratio<P, Q> (built by Rational<P, Q>), variables and their
// names, the concepts Expression, Constant and Variable, and the canonical
// nodes Sum, Product, Power and Call that the aliases of arithmetic.hpp and
// functions/ build; every node is an empty literal type that can be called.
// The file compiling is the test. (Hand-written nodes that are not canonical
// are compile errors: compile_fail/node_*.cpp.)

#include <chainrule/expression.hpp>

#include <chainrule/arithmetic.hpp>
#include <chainrule/eval.hpp>
#include <chainrule/functions/atan2.hpp>
#include <chainrule/functions/exp.hpp>
#include <chainrule/functions/pi.hpp>
#include <chainrule/functions/sin.hpp>

#include <string_view>
#include <type_traits>

using namespace chainrule;

namespace {

template <class A, class B>
inline constexpr bool same = std::is_same_v<A, B>;

// ---------------------------------------------------------------- constants

static_assert(Int<-7>::numerator == -7 && Int<-7>::denominator == 1);
static_assert(same<Rational<2, 4>, Ratio<1, 2>> && same<Rational<-6, 3>, Int<-2>>);
static_assert(Ratio<-1, 3>::numerator == -1 && Ratio<-1, 3>::denominator == 3);
static_assert(same<std::remove_const_t<decltype(int_c<3>)>, Int<3>>);
static_assert(Constant<Int<0>> && Constant<Rational<1, 2>>);
static_assert(!Constant<X> && !Constant<Pi> && !Constant<Sin<Int<2>>> && !Constant<int>);

// ---------------------------------------------------------------- variables

// X, Y and Z are one-letter variables; a name is a character or 1 to 15 of them.
static_assert(same<X, Var<'x'>> && same<Y, Var<"y">> && same<Z, Var<'z'>>);
static_assert(Var<'w'>::name == var_name("w") && Var<'w'>::name.rank == 0);
static_assert(std::string_view(Var<"w1">::name.c_str()) == "w1");
static_assert(Variable<Var<"abcdefghijklmno">> && var_name::capacity == 15);
static_assert(!same<Var<"w1">, Var<"w", 1>> && Var<"w", 1>::name.indices[0] == 1);
static_assert(!Variable<Ratio<1, 2>> && !Variable<Mul<X, Y>>);

// ------------------------------------------------------------------- nodes

// The aliases build the canonical nodes: a sum's constant term first, a
// product's coefficient first, a difference a sum, a quotient a power.
static_assert(same<Add<X, Y>, Sum<X, Y>> && same<Add<X, Int<1>>, Sum<Int<1>, X>>);
static_assert(same<Sub<X, Y>, Sum<X, Product<Int<-1>, Y>>>);
static_assert(same<Mul<X, Int<3>>, Product<Int<3>, X>> && same<Neg<X>, Product<Int<-1>, X>>);
static_assert(same<Div<X, Y>, Product<X, Power<Y, Int<-1>>>>);
static_assert(same<Pow<X, Int<2>>, Power<X, Int<2>>>);
static_assert(same<Pow<X, Y>::base, X> && same<Pow<X, Y>::exponent, Y>);

// A function applied is a Call of its tag, with none, one or two arguments.
static_assert(same<Sin<X>, Call<sin_fn, X>> && same<Sin<X>::function, sin_fn> && Sin<X>::arity == 1);
static_assert(same<Pi, Call<pi_fn>> && Pi::arity == 0);
static_assert(same<Atan2<Y, X>, Call<atan2_fn, Y, X>> && Atan2<Y, X>::arity == 2);
static_assert(!same<Sin<X>, Call<exp_fn, X>>);

static_assert(Expression<Sum<X, Y>> && Expression<Ratio<1, 2>> && Expression<Call<pi_fn>>);

// Every node is an empty literal type, and calling it evaluates it.
static_assert(std::is_empty_v<Sum<X, Y>> && sizeof(Product<Int<2>, X>) == 1 && sizeof(Var<"w", 1, 2>) == 1);
static_assert(Product<Int<2>, X>{}(3.0) == 6.0);
static_assert(Mul<X, Exp<Y>>{}(at<X>(2.0), at<Y>(0.0)) == 2.0);

}  // namespace

// Variables are ordered by every character of their names, as they are bound:
// Var<"a"> and Var<"a\0b"> are two variables, never one squared.
namespace whole_names {
using namespace chainrule;
using A = Var<"a">;
using B = Var<"a\0b">;
static_assert(!std::is_same_v<Mul<A, B>, Pow<A, Int<2>>>);
static_assert(std::is_same_v<Mul<A, B>, Mul<B, A>>);
static_assert(eval<Mul<A, B>>(at<A>(2.0), at<B>(3.0)) == 6.0);
}  // namespace whole_names
