// Canonical forms at scale: Expand and equivalence, the size traits, bounded
// growth of higher derivatives, and the value-level syntax landing on the
// same types. The file compiling is the test.

#include <chainrule.hpp>

#include <type_traits>
#include <utility>

using namespace chainrule;

namespace {

template <class A, class B>
inline constexpr bool same = std::is_same_v<A, B>;

// ------------------------------------------------------------- Expand

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

// ------------------------------------------------------------- size traits

static_assert(node_count_v<X> == 1 && dag_size_v<X> == 1);
static_assert(node_count_v<Mul<Int<2>, X>> == 3);
static_assert(node_count_v<Sigmoid<X>> == 2);
static_assert(node_count_v<D<Sigmoid<X>>> == 9);  // s (1 + (-1) s): Product, s, x, Sum, 1, Product, -1, s, x
static_assert(dag_size_v<D<Sigmoid<X>>> == 7);    // x, s, 1, -1, -s, 1 - s, s (1 - s)
static_assert(dag_size_v<Mul<Sin<X>, Cos<Sin<X>>>> == 4);

// ------------------------------------------------------- bounded growth

// The first derivative keeps the textbook form...
static_assert(same<D<Sigmoid<X>>, Mul<Sigmoid<X>, Sub<Int<1>, Sigmoid<X>>>>);
// ...and the tenth stays a polynomial in s of 63 nodes (SymPy: 141, or 79
// after simplify()).
static_assert(node_count_v<D<Sigmoid<X>, X, 10>> <= 70);
static_assert(node_count_v<D<Sigmoid<X>, X, 10>> == 63);

template <std::size_t... N>
constexpr bool sigmoid_derivatives_compile(std::index_sequence<N...>) {
    // every order up to 12 is a type, of size linear in the order
    return ((node_count_v<D<Sigmoid<X>, X, int(N)>> <= 6 * N + 9) && ...);
}
static_assert(sigmoid_derivatives_compile(std::make_index_sequence<13>{}));

// The logistic map l_{k+1} = 4 l_k (1 - l_k), l_0 = x: l_8 is a polynomial
// of degree 256 that is never multiplied out, and its derivative shares its
// subexpressions.
template <int K>
struct logistic {
    using type = Mul<Int<4>, Mul<typename logistic<K - 1>::type, Sub<Int<1>, typename logistic<K - 1>::type>>>;
};
template <>
struct logistic<0> {
    using type = X;
};
using L8 = logistic<8>::type;
static_assert(dag_size_v<D<L8>> <= 100);
static_assert(dag_size_v<L8> == 28);
static_assert(node_count_v<L8> < 2000);  // the degree-256 expansion would have hundreds of terms

// ------------------------------------------------------- value syntax

constexpr auto x = X{};
constexpr auto f = sigmoid(x);
constexpr auto df = d(f, x);
static_assert(same<std::remove_const_t<decltype(df)>, D<Sigmoid<X>>>);
static_assert(same<decltype(d(sigmoid(x), x)), D<Sigmoid<X>>>);
static_assert(same<decltype(d(f)), D<Sigmoid<X>>>);
static_assert(df(0.0) == 0.25);

static_assert(same<decltype(x + x), Mul<Int<2>, X>>);
static_assert(same<decltype(x * x), Pow<X, Int<2>>>);
static_assert(same<decltype(x - x), Int<0>>);
static_assert(same<decltype(x / x), Int<1>>);
static_assert(same<decltype(-(-x)), X>);
static_assert(same<decltype(pow(f, int_c<3>)), Pow<Sigmoid<X>, Int<3>>>);
static_assert(same<decltype(pow<3>(f)), Pow<Sigmoid<X>, Int<3>>>);
static_assert(same<decltype(pow(int_c<2> * x + int_c<1>, int_c<3>)), Pow<Add<Mul<Int<2>, X>, Int<1>>, Int<3>>>);
static_assert(
    same<decltype(d(pow<3>(int_c<2> * x + int_c<1>))), Mul<Int<6>, Pow<Add<Mul<Int<2>, X>, Int<1>>, Int<2>>>>);
static_assert(same<decltype(d<2>(sin(x), x)), Neg<Sin<X>>>);
static_assert(same<decltype(exp(x) * log(x) + sqrt(x) - tanh(x) / cos(x)),
                   Sub<Add<Mul<Exp<X>, Log<X>>, Sqrt<X>>, Div<Tanh<X>, Cos<X>>>>);
static_assert(same<decltype(relu(x) + abs(x) + tan(x)), Add<Add<Relu<X>, Abs<X>>, Tan<X>>>);
// The value functions do not disturb ordinary arithmetic on numbers.
static_assert(sizeof(decltype(x)) == 1);

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
