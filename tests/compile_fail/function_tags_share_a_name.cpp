// Two different function tags with one name and no key: the canonical order
// cannot tell them apart on every compiler, so it refuses rather than take
// f1(x) + f2(x) for 2 f1(x).
// expected: chainrule::Add, Mul, ... (the canonical order): two different function tags have the same name
#include <chainrule.hpp>
using namespace chainrule;
struct f1_fn {
    static constexpr const char* name = "f";
    template <class U>
    using derivative = Int<1>;
    template <class T>
    static constexpr T eval(T u) {
        return u;
    }
};
struct f2_fn {
    static constexpr const char* name = "f";
    template <class U>
    using derivative = Int<2>;
    template <class T>
    static constexpr T eval(T u) {
        return 2 * u;
    }
};
using T = Add<Apply<f1_fn, X>, Apply<f2_fn, X>>;
T* unused = nullptr;
