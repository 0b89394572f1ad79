// Misuse, checked without failing the build: the concepts that guard the
// public templates reject what they must. (The messages users then see are
// checked by the compile-fail tests in compile_fail/.)

#include <chainrule.hpp>

using namespace chainrule;

namespace {

static_assert(!Expression<int>);
static_assert(!Expression<double>);
static_assert(Expression<X> && Expression<Int<3>> && Expression<D<Sigmoid<X>>>);

static_assert(Variable<X> && Variable<Var<'w'>> && Variable<Var<"w1">>);
static_assert(!Variable<int> && !Variable<Int<1>> && !Variable<Sin<X>>);

static_assert(Scalar<float> && Scalar<double> && Scalar<long double>);
static_assert(!Scalar<int> && !Scalar<long> && !Scalar<bool> && !Scalar<char>);

// The constructors reject non-expressions in a SFINAE-friendly way.
static_assert(!requires { typename Add<int, X>; });
static_assert(!requires { typename Mul<X, double>; });
static_assert(!requires { typename Pow<X, int>; });
static_assert(!requires { typename Sigmoid<int>; });
static_assert(!requires { typename Exp<float>; });
static_assert(requires { typename Sigmoid<X>; });

// What D<E> and eval<E>(x) check before they diagnose.
static_assert(variable_count_v<Int<3>> == 0);
static_assert(variable_count_v<Sin<X>> == 1);
static_assert(variable_count_v<Mul<X, Y>> == 2);
static_assert(variable_count_v<Add<Mul<X, Y>, Sin<X>>> == 2);

}  // namespace
