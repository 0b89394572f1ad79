// Misuse, checked without failing the build: the concepts that guard the
// public templates reject what they must. (The messages users then see are
// checked by the compile-fail tests in compile_fail/.)

#include <chainrule.hpp>

#include <array>

using namespace chainrule;

namespace {

static_assert(!Expression<int>);
static_assert(!Expression<double>);
static_assert(Expression<X> && Expression<Int<3>> && Expression<D<Sigmoid<X>>>);

static_assert(Variable<X> && Variable<Var<'w'>> && Variable<Var<"w1">>);
static_assert(!Variable<int> && !Variable<Int<1>> && !Variable<Sin<X>>);

static_assert(Scalar<float> && Scalar<double> && Scalar<long double>);
static_assert(!Scalar<int> && !Scalar<long> && !Scalar<bool> && !Scalar<char>);

// The constructors reject non-expressions in a SFINAE-friendly way. (A
// requires-expression tests substitution only for dependent operands, hence
// the concepts.)
template <class A, class B>
concept can_add = requires {
    typename Add<A, B>;
};
template <class A, class B>
concept can_multiply = requires {
    typename Mul<A, B>;
};
template <class A, class B>
concept can_raise = requires {
    typename Pow<A, B>;
};
template <class A>
concept can_take_sigmoid = requires {
    typename Sigmoid<A>;
};
template <class A>
concept can_take_exp = requires {
    typename Exp<A>;
};
template <class E, class T>
concept can_bind = requires(T t) {
    at<E>(t);
};

static_assert(!can_add<int, X> && can_add<X, Y>);
static_assert(!can_multiply<X, double> && can_multiply<X, Int<2>>);
static_assert(!can_raise<X, int> && can_raise<X, Rational<1, 2>>);
static_assert(!can_take_sigmoid<int> && can_take_sigmoid<X>);
static_assert(!can_take_exp<float> && can_take_exp<Mul<X, Y>>);
static_assert(!can_bind<int, double> && !can_bind<X, int> && can_bind<X, double>);

// What D<E> and eval<E>(x) check before they diagnose.
static_assert(variable_count_v<Int<3>> == 0);
static_assert(variable_count_v<Sin<X>> == 1);
static_assert(variable_count_v<Mul<X, Y>> == 2);
static_assert(variable_count_v<Add<Mul<X, Y>, Sin<X>>> == 2);

// decltype of a constexpr auto object is a const type: eval, Gradient,
// ValueAndGradient, Jacobian and Hessian accept it as they accept D.
constexpr auto f_object = Mul<X, Sin<Y>>{};
using F = decltype(f_object);
static_assert(std::is_const_v<F>);
static_assert(eval<F>(at<X>(2.0), at<Y>(0.0)) == 0.0);
static_assert(eval<Gradient<F, X, Y>>(at<X>(2.0), at<Y>(0.0)) == std::array{0.0, 2.0});
static_assert(eval<ValueAndGradient<F, X, Y>>(at<X>(2.0), at<Y>(0.0)).gradient == std::array{0.0, 2.0});
static_assert(eval<Jacobian<Functions<F, const X>, X, Y>>(at<X>(2.0), at<Y>(0.0))[1] == std::array{1.0, 0.0});
static_assert(eval<Hessian<F, X, Y>>(at<X>(2.0), at<Y>(0.0))[0][1] == 1.0);

}  // namespace
