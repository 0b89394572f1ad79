// Mirrors chainrule/expand.hpp: Expand<E>, the polynomial normal form, and
// equivalent_v, which proves identities by it. Expansion multiplies out
// positive integer powers of sums and products of sums, expands inside
// atoms and exponents, and is never applied unless asked. The file compiling
// is the test.

#include <chainrule/expand.hpp>

#include <chainrule/arithmetic.hpp>
#include <chainrule/derivative.hpp>
#include <chainrule/functions.hpp>

#include <type_traits>

using namespace chainrule;

namespace {

template <class A, class B>
inline constexpr bool same = std::is_same_v<A, B>;

// Powers and products of sums, multiplied out.
static_assert(same<Expand<Pow<Add<X, Int<1>>, Int<2>>>, Add<Add<Pow<X, Int<2>>, Mul<Int<2>, X>>, Int<1>>>);
static_assert(equivalent_v<Pow<Add<X, Int<1>>, Int<2>>, Add<Add<Pow<X, Int<2>>, Mul<Int<2>, X>>, Int<1>>>);
static_assert(equivalent_v<Mul<Add<X, Y>, Sub<X, Y>>, Sub<Pow<X, Int<2>>, Pow<Y, Int<2>>>>);
static_assert(equivalent_v<Pow<Add<X, Y>, Int<3>>, Add<Add<Pow<X, Int<3>>, Mul<Int<3>, Mul<Pow<X, Int<2>>, Y>>>,
                                                       Add<Mul<Int<3>, Mul<X, Pow<Y, Int<2>>>>, Pow<Y, Int<3>>>>>);
static_assert(!equivalent_v<Pow<Add<X, Int<1>>, Int<2>>, Add<Pow<X, Int<2>>, Int<1>>>);
// Atoms are expanded inside: exp((x+1)^2) = exp(x^2 + 2x + 1).
static_assert(equivalent_v<Exp<Pow<Add<X, Int<1>>, Int<2>>>, Exp<Add<Add<Pow<X, Int<2>>, Mul<Int<2>, X>>, Int<1>>>>);

// Powers whose exponent is not a constant integer (issue 12): a variable or
// an expression as exponent is never multiplied out, but its base and its
// exponent are expanded.
static_assert(equivalent_v<Pow<X, Y>, Pow<X, Y>>);
static_assert(same<Expand<Pow<X, Y>>, Pow<X, Y>>);
static_assert(equivalent_v<Pow<Add<X, Int<1>>, Y>, Pow<Add<Int<1>, X>, Y>>);
static_assert(same<Expand<Pow<Add<X, Int<1>>, Y>>, Pow<Add<X, Int<1>>, Y>>);
static_assert(
    equivalent_v<Pow<Mul<Add<X, Int<1>>, Add<X, Int<-1>>>, Sigmoid<Y>>, Pow<Sub<Pow<X, Int<2>>, Int<1>>, Sigmoid<Y>>>);
static_assert(
    equivalent_v<Pow<X, Pow<Add<Y, Int<1>>, Int<2>>>, Pow<X, Add<Add<Pow<Y, Int<2>>, Mul<Int<2>, Y>>, Int<1>>>>);
static_assert(!equivalent_v<Pow<X, Y>, Pow<Y, X>>);
static_assert(!equivalent_v<Pow<Add<X, Int<1>>, Y>, Add<Pow<X, Y>, Int<1>>>);
// Constant exponents that are not positive integers leave the sum a power.
static_assert(equivalent_v<Pow<Add<X, Int<1>>, Rational<1, 2>>, Pow<Add<X, Int<1>>, Rational<1, 2>>>);
static_assert(equivalent_v<Pow<Add<X, Int<1>>, Int<-2>>, Pow<Add<X, Int<1>>, Int<-2>>>);
static_assert(!same<Expand<Pow<Add<X, Int<1>>, Int<-2>>>, Int<1>>);

// No expansion unless asked: the factored form stays as written.
static_assert(!same<Pow<Add<X, Int<1>>, Int<2>>, Expand<Pow<Add<X, Int<1>>, Int<2>>>>);
static_assert(same<Mul<Add<X, Int<1>>, Add<X, Int<-1>>>, Mul<Add<X, Int<-1>>, Add<X, Int<1>>>>);

// (s(1 - s))' = s - 3s^2 + 2s^3, with s the sigmoid of x.
using S = Sigmoid<X>;
static_assert(
    equivalent_v<D<Mul<S, Sub<Int<1>, S>>>, Add<Sub<S, Mul<Int<3>, Pow<S, Int<2>>>>, Mul<Int<2>, Pow<S, Int<3>>>>>);

}  // namespace
