// The kink policy kinks::midpoint, chosen for this translation unit: every
// kink takes the middle of its subdifferential, all at once.
#define CHAINRULE_KINKS chainrule::kinks::midpoint
#include <chainrule.hpp>

#include <array>
#include <type_traits>

using namespace chainrule;

static_assert(std::is_same_v<kink_policy, kinks::midpoint>);
static_assert(eval<D<Relu<X>>>(0.0) == 0.5 && eval<D<Relu<X>>>(1.0) == 1.0 && eval<D<Relu<X>>>(-1.0) == 0.0);
static_assert(eval<D<Abs<X>>>(0.0) == 0.0 && eval<D<Abs<X>>>(-2.0) == -1.0);
static_assert(eval<D<LeakyRelu<X>>>(0.0) == 0.505 && eval<D<LeakyRelu<X>>>(-1.0) == 0.01);
static_assert(eval<D<Elu<X>>>(0.0) == 1.0 && eval<D<Elu<X>, X, 2>>(0.0) == 0.5);
static_assert(std::is_same_v<Step<Int<0>>, Rational<1, 2>> && std::is_same_v<Sign<Int<0>>, Int<0>>);
// Through a gradient too.
static_assert(eval<Gradient<Mul<Relu<X>, Y>, X, Y>>(at<X>(0.0), at<Y>(4.0))[0] == 2.0);
// Ties of max and min.
static_assert(eval<Gradient<Max<X, Y>, X, Y>>(at<X>(1.0), at<Y>(1.0)) == std::array{0.5, 0.5});
static_assert(eval<Gradient<Min<X, Y>, X, Y>>(at<X>(1.0), at<Y>(1.0)) == std::array{0.5, 0.5});
