// One member of a family of bench/scale (families.hpp), chosen with
// -DFAMILY=logistic|net|chain|flat -DSIZE=n. It evaluates the function, its
// derivative and gradient, and the hand-written references, checks that they
// agree, and with arguments R WHICH calls one of them R times through a
// noinline entry point, so that callgrind can count its instructions:
//
//   ./member            check the values, print the largest relative difference
//   ./member R WHICH    call WHICH (lib_f, lib_d, lib_g, hand_f, hand_d) R times
#include "families.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <type_traits>
#include <utility>

#ifndef FAMILY
#define FAMILY net
#endif
#ifndef SIZE
#define SIZE 8
#endif
#define CR_STR2(s) #s
#define CR_STR(s) CR_STR2(s)

using F = scale::FAMILY<SIZE>;
using data = F::data;

// What the library's derivative and gradient return: a double, or a
// std::array of them.
using derivative_t = decltype(chainrule::eval<F::derivative>(F::point(std::declval<const data&>())));
using gradient_t = decltype(chainrule::eval<F::gradient>(F::point(std::declval<const data&>())));
static_assert(sizeof(derivative_t) == F::outputs * sizeof(double) && sizeof(gradient_t) == sizeof(derivative_t));

// Its values as an array of doubles, for the comparison.
template <class R>
const double* values_of(const R& r) {
    if constexpr (std::is_floating_point_v<R>) return &r;
    else return r.data();
}

// The entry points callgrind counts; each writes its results through out.
// The library's results are made where out points (a prvalue initialising
// the object there, without a copy), as the hand-written code writes its own
// in place; storing a returned std::array through a pointer would copy it,
// a memcpy the hand-written code does not pay (about 90 instructions for the
// 81 partials of the net of 8).
extern "C" {
[[gnu::noinline]] void lib_f(const data* d, double* out) { out[0] = chainrule::eval<F::function>(F::point(*d)); }
[[gnu::noinline]] void lib_d(const data* d, derivative_t* out) {
    ::new (static_cast<void*>(out)) derivative_t(chainrule::eval<F::derivative>(F::point(*d)));
}
[[gnu::noinline]] void lib_g(const data* d, gradient_t* out) {
    ::new (static_cast<void*>(out)) gradient_t(chainrule::eval<F::gradient>(F::point(*d)));
}
[[gnu::noinline]] void hand_f(const data* d, double* out) { out[0] = F::hand_function(*d); }
[[gnu::noinline]] void hand_d(const data* d, double* out) { F::hand_derivative(*d, out); }
}

int main(int argc, char** argv) {
    static const data d = F::sample();
    static double a[F::outputs], b[F::outputs];
    static derivative_t ld;
    static gradient_t lg;
    if (argc == 3) {
        const long reps = std::atol(argv[1]);
        const std::string which = argv[2];
        const int w = which == "lib_f" ? 0 : which == "lib_d" ? 1 : which == "lib_g" ? 2 : which == "hand_f" ? 3 : 4;
        for (long r = 0; r < reps; ++r) {
            switch (w) {
                case 0:
                    lib_f(&d, a);
                    break;
                case 1:
                    lib_d(&d, &ld);
                    break;
                case 2:
                    lib_g(&d, &lg);
                    break;
                case 3:
                    hand_f(&d, a);
                    break;
                default:
                    hand_d(&d, a);
            }
        }
        std::printf("%.17g\n", w == 1 ? values_of(ld)[0] : w == 2 ? values_of(lg)[0] : a[0]);
        return 0;
    }
    double worst = 0;
    auto compare = [&](std::size_t count) {
        for (std::size_t i = 0; i < count; ++i) {
            const double scale = std::fabs(b[i]) > 1e-300 ? std::fabs(b[i]) : 1.0;
            const double e = std::fabs(a[i] - b[i]) / scale;
            if (!(e <= worst)) worst = std::isnan(e) ? INFINITY : e;
        }
    };
    lib_f(&d, a), hand_f(&d, b), compare(1);
    const double f = a[0];
    lib_d(&d, &ld), hand_d(&d, b), std::memcpy(a, values_of(ld), sizeof ld), compare(F::outputs);
    lib_g(&d, &lg), hand_d(&d, b), std::memcpy(a, values_of(lg), sizeof lg), compare(F::outputs);
    std::printf("%s<%d>: f = %.17g, d[0] = %.17g, largest relative difference from hand-written: %.3g\n",
                CR_STR(FAMILY), SIZE, f, a[0], worst);
    return worst < 1e-9 ? 0 : 1;
}
