// A domain error during constant evaluation is reported even when an earlier
// node is NaN from arguments that are not (a user function that returns NaN
// for every argument, which is a value, not an error): every such call is
// made again after the sweep, and ln(x - 3) at x = 1 fails.
// expected: log_of_a_negative_number_is_undefined
#include <chainrule.hpp>
#include <limits>
using namespace chainrule;
struct nan_fn {
    static constexpr const char* name = "a_nan";
    template <class U>
    using derivative = Int<0>;
    template <class T>
    static constexpr T eval(T) {
        return std::numeric_limits<T>::quiet_NaN();
    }
};
constexpr double v = eval<Add<Apply<nan_fn, X>, Log<Sub<X, Int<3>>>>>(1.0);
