// Mirrors chainrule/arithmetic.hpp.
// Canonical forms: two spellings of the same mathematics are the same type.
// Each identity is a namespace-scope static_assert; the file compiling is the test.

#include <chainrule.hpp>

#include <type_traits>
#include <utility>

using namespace chainrule;

namespace {

template <class A, class B>
inline constexpr bool same = std::is_same_v<A, B>;

// Operand order and grouping.
static_assert(same<Add<X, Y>, Add<Y, X>>);
static_assert(same<Add<Add<X, Y>, Z>, Add<X, Add<Y, Z>>>);
static_assert(same<Mul<Mul<Int<2>, X>, Exp<X>>, Mul<Int<2>, Mul<X, Exp<X>>>>);
static_assert(same<Mul<Int<2>, Mul<X, Exp<X>>>, Mul<Exp<X>, Mul<X, Int<2>>>>);
static_assert(same<Mul<Sin<X>, Cos<X>>, Mul<Cos<X>, Sin<X>>>);

// Like terms and powers.
static_assert(same<Add<X, X>, Mul<Int<2>, X>>);
static_assert(same<Add<Mul<Int<2>, X>, Mul<Int<3>, X>>, Mul<Int<5>, X>>);
static_assert(same<Mul<X, X>, Pow<X, Int<2>>>);
static_assert(same<Mul<Pow<X, Int<2>>, Pow<X, Int<3>>>, Pow<X, Int<5>>>);
static_assert(same<Pow<Pow<X, Int<2>>, Int<3>>, Pow<X, Int<6>>>);
static_assert(same<Sub<X, X>, Int<0>>);
static_assert(same<Div<X, X>, Int<1>>);
static_assert(same<Neg<Neg<X>>, X>);
static_assert(same<Pow<Mul<Int<2>, X>, Int<2>>, Mul<Int<4>, Pow<X, Int<2>>>>);
static_assert(same<Div<Pow<X, Int<3>>, X>, Pow<X, Int<2>>>);

// The folds of the core: 0 a = 0, 1 a = a, a + 0 = a, a^1 = a, a^0 = 1.
static_assert(same<Mul<Int<0>, Sin<X>>, Int<0>>);
static_assert(same<Mul<Int<1>, Sin<X>>, Sin<X>>);
static_assert(same<Add<Sin<X>, Int<0>>, Sin<X>>);
static_assert(same<Pow<Sin<X>, Int<1>>, Sin<X>>);
static_assert(same<Pow<Sin<X>, Int<0>>, Int<1>>);
static_assert(same<Pow<Int<0>, Int<0>>, Int<1>>);  // as std::pow

// Exact rationals.
static_assert(same<Mul<Int<2>, Rational<1, 2>>, Int<1>>);
static_assert(same<Add<Rational<1, 3>, Rational<1, 6>>, Rational<1, 2>>);
static_assert(same<Rational<2, 4>, Rational<1, 2>>);
static_assert(same<Rational<4, 2>, Int<2>>);
static_assert(same<Rational<3, -6>, Rational<-1, 2>>);
static_assert(same<Int<-3>, Neg<Int<3>>>);
static_assert(same<Pow<Int<2>, Int<10>>, Int<1024>>);
static_assert(same<Pow<Rational<2, 3>, Int<-2>>, Rational<9, 4>>);
static_assert(same<Div<Int<1>, Int<3>>, Rational<1, 3>>);
static_assert(Rational<4, 5>::numerator == 4 && Rational<4, 5>::denominator == 5);

// Functions of exact constants fold where the value is exact.
static_assert(same<Exp<Int<0>>, Int<1>> && same<Log<Int<1>>, Int<0>>);
static_assert(same<Sin<Int<0>>, Int<0>> && same<Cos<Int<0>>, Int<1>>);
static_assert(same<Sigmoid<Int<0>>, Rational<1, 2>>);
static_assert(same<Relu<Int<-2>>, Int<0>> && same<Relu<Rational<3, 2>>, Rational<3, 2>>);
static_assert(same<Abs<Rational<-3, 2>>, Rational<3, 2>>);

// Variables: named by a character or a string; X is Var<'x'>.
static_assert(same<Var<'w'>, Var<"w">>);
static_assert(!same<Var<"w1">, Var<"w2">>);
static_assert(same<X, Var<'x'>>);
static_assert(same<Add<Var<"w2">, Var<"w1">>, Add<Var<"w1">, Var<"w2">>>);

// Sums of more than 256 terms are merged by halves (arithmetic.hpp); the
// result is what term-by-term merging gives: sorted, like terms collected,
// cancelled terms gone, whatever the order of the operands.
template <std::size_t I>
using w = Var<"w", I>;
constexpr std::size_t long_sum = 300;
template <std::size_t... I>
auto forward_sum(std::index_sequence<I...>) -> Add<Int<0>, w<I>...>;
template <std::size_t... I>
auto backward_sum(std::index_sequence<I...>) -> Add<w<long_sum - 1 - I>..., Int<0>>;
template <std::size_t... I>
auto doubled_sum(std::index_sequence<I...>) -> Add<w<I>..., w<long_sum - 1 - I>...>;
template <std::size_t... I>
auto twice_each(std::index_sequence<I...>) -> Sum<Mul<Int<2>, w<I>>...>;
template <std::size_t... I, std::size_t... J>
auto minus_even(std::index_sequence<I...>, std::index_sequence<J...>) -> Add<w<I>..., Neg<w<2 * J>>...>;
template <std::size_t... J>
auto odd_terms(std::index_sequence<J...>) -> Sum<w<2 * J + 1>...>;
using all_terms = std::make_index_sequence<long_sum>;
using half_terms = std::make_index_sequence<long_sum / 2>;
static_assert(same<decltype(forward_sum(all_terms{})), decltype(backward_sum(all_terms{}))>);
static_assert(same<decltype(doubled_sum(all_terms{})), decltype(twice_each(all_terms{}))>);
static_assert(same<decltype(minus_even(all_terms{}, half_terms{})), decltype(odd_terms(half_terms{}))>);
template <std::size_t... I>
auto tail_terms(std::index_sequence<I...>) -> Sum<w<I + 1>...>;
static_assert(same<Sub<decltype(forward_sum(all_terms{})), w<0>>,
                   decltype(tail_terms(std::make_index_sequence<long_sum - 1>{}))>);

// Two powers of one base whose product has another base, (x^6)^(-3/4) *
// (x^6)^(-1/4) = x^-6, meet the other powers of x: the derivative of
// log2((x^6)^(1/4)) was 3 x^5 / (2 log(2) x^6), a product the canonical
// order rejects, and is 3 / (2 x log 2).
static_assert(
    same<Mul<Pow<Pow<X, Int<6>>, Ratio<-3, 4>>, Pow<X, Int<5>>, Pow<Pow<X, Int<6>>, Ratio<-1, 4>>>, Pow<X, Int<-1>>>);
static_assert(same<D<Log2<Pow<Pow<X, Int<6>>, Ratio<1, 4>>>>, Div<Ratio<3, 2>, Mul<X, Log<Int<2>>>>>);

}  // namespace
