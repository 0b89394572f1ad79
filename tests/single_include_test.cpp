// The single header, single_include/chainrule.hpp, on its own: this file is
// compiled with single_include/ as its only include directory, so every part
// of the library it uses must be in that one file.
#include <chainrule.hpp>

#include <cstdio>
#include <type_traits>

using namespace chainrule;

// Derivatives as types, values at compile time.
static_assert(std::is_same_v<D<Sigmoid<X>>, Mul<Sigmoid<X>, Sub<Int<1>, Sigmoid<X>>>>);
static_assert(eval<D<Sigmoid<X>>>(0.0) == 0.25);
static_assert(std::is_same_v<D<Sin<X>, X, 4>, Sin<X>>);
static_assert(std::is_same_v<D<Tanh<X>>, Sub<Int<1>, Pow<Tanh<X>, Int<2>>>>);

// Canonical forms and Expand.
static_assert(std::is_same_v<Add<X, Y>, Add<Y, X>>);
static_assert(equivalent_v<Pow<Add<X, Int<1>>, Int<2>>, Add<Add<Pow<X, Int<2>>, Mul<Int<2>, X>>, Int<1>>>);
static_assert(node_count_v<Mul<Int<2>, X>> == 3 && dag_size_v<Mul<Sin<X>, Cos<Sin<X>>>> == 4);

// Many variables.
static_assert(eval<Gradient<Mul<X, Y>, X, Y>>(at<X>(2.0), at<Y>(3.0))[0] == 3.0);
static_assert(eval<Hessian<Mul<X, Y>, X, Y>>(at<X>(2.0), at<Y>(3.0))[0][1] == 1.0);
static_assert(eval<Jacobian<Functions<Mul<X, Y>, Add<X, Y>>, X, Y>>(at<X>(2.0), at<Y>(3.0))[1][0] == 1.0);

// The value syntax and the constexpr math.
constexpr auto x = X{};
static_assert(d(sigmoid(x), x)(0.0) == 0.25);
static_assert(math::exp(0.0) == 1.0 && math::sqrt(4.0) == 2.0);

static_assert(CHAINRULE_VERSION ==
              CHAINRULE_VERSION_MAJOR * 10000 + CHAINRULE_VERSION_MINOR * 100 + CHAINRULE_VERSION_PATCH);

int main() {
    // The same at run time, where <cmath> does the work.
    volatile double z = 2.0;
    using Loss = Pow<Sub<Sigmoid<Relu<X>>, Rational<4, 5>>, Int<2>>;
    double g = eval<D<Loss>>(double{z});
    double expected = 0.016966349814049152;
    double error = (g > expected ? g - expected : expected - g) / expected;
    std::printf("single header %d.%d.%d: dL/dz at 2 = %.6f\n", CHAINRULE_VERSION_MAJOR, CHAINRULE_VERSION_MINOR,
                CHAINRULE_VERSION_PATCH, g);
    return error < 1e-12 ? 0 : 1;
}
