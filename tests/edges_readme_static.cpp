// The README's edge table ("Edges, documented") holds in constant evaluation:
// every row that is a value is a constant here (inf and NaN included), and
// the rows that are compile errors are the compile-fail tests named below.
// (issue 12, item 4; the table of every built-in is docs/edges.md.)
#include <chainrule.hpp>

#include <array>
#include <limits>
#include <type_traits>

using namespace chainrule;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();
constexpr bool is_nan(double v) { return v != v; }

// relu'(0), |x|'(0): 0, as PyTorch
static_assert(eval<D<Relu<X>>>(0.0) == 0.0);
static_assert(eval<D<Abs<X>>>(0.0) == 0.0);

// Log of a negative number: a compile error during constant evaluation
// (compile_fail/eval_log_of_negative.cpp); NaN at run time (edges_test).

// Log<X> at 0 and D<Log<X>> at 0: -inf, +inf
constexpr double log_at_zero = eval<Log<X>>(0.0);
constexpr double d_log_at_zero = eval<D<Log<X>>>(0.0);
static_assert(log_at_zero == -inf && d_log_at_zero == inf);
static_assert(eval<D<Log<X>>>(-0.0) == -inf);  // 1 / (-0)

// Div<A, Int<0>>: a compile error (compile_fail/div_by_zero.cpp)

// Div<Int<1>, X> at 0: inf
static_assert(eval<Div<Int<1>, X>>(0.0) == inf);
static_assert(eval<Div<Int<1>, X>>(-0.0) == -inf);

// Div<X, X> and Mul<Int<0>, Log<X>>: Int<1> and Int<0>, by cancellation
static_assert(std::is_same_v<Div<X, X>, Int<1>>);
static_assert(std::is_same_v<Mul<Int<0>, Log<X>>, Int<0>>);

// Pow<X, Int<3>>' at 0: 0 (the power rule, no logarithm)
static_assert(eval<D<Pow<X, Int<3>>>>(0.0) == 0.0);

// exact constants overflowing long long: a compile error
// (compile_fail/constant_overflow.cpp)

// What was a compile error before and is a value now: 0 * -inf is NaN.
static_assert(is_nan(eval<Mul<X, Log<X>>>(0.0)));
static_assert(is_nan(eval<Mul<X, Log<X>>>(std::numeric_limits<double>::quiet_NaN())));

// x^y at (0, 2): D and Gradient follow PyTorch's gradient of pow, (0, 0).
static_assert(eval<D<Pow<X, Y>, X>>(at<X>(0.0), at<Y>(2.0)) == 0.0);
static_assert(eval<D<Pow<X, Y>, Y>>(at<X>(0.0), at<Y>(2.0)) == 0.0);
constexpr std::array<double, 2> pow_gradient = eval<Gradient<Pow<X, Y>, X, Y>>(at<X>(0.0), at<Y>(2.0));
static_assert(pow_gradient[0] == 0.0 && pow_gradient[1] == 0.0);

// ln sigmoid(x) at -800: D and Gradient agree on 1 (Log<Sigmoid<X>> is
// LogSigmoid<X>, whose derivative sigmoid(-x) stays finite).
static_assert(std::is_same_v<Log<Sigmoid<X>>, LogSigmoid<X>>);
static_assert(eval<D<Log<Sigmoid<X>>>>(-800.0) == 1.0);
static_assert(eval<Gradient<Log<Sigmoid<X>>, X>>(-800.0)[0] == 1.0);

// Overflow is inf, not a compile error: x^2 at 1e200, e^x / x at 800.
static_assert(eval<Pow<X, Int<2>>>(1e200) == inf);
static_assert(eval<Div<Exp<X>, X>>(800.0) == inf);
static_assert(eval<Gradient<Pow<X, Int<3>>, X>>(1e200)[0] == inf);

}  // namespace
