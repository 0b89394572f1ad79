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

template <class R>
void store(const R& r, double* out) {
    if constexpr (std::is_floating_point_v<R>) out[0] = r;
    else std::memcpy(out, r.data(), sizeof r);
}

// The entry points callgrind counts; each writes its results through out.
extern "C" {
[[gnu::noinline]] void lib_f(const data* d, double* out) { out[0] = chainrule::eval<F::function>(F::point(*d)); }
[[gnu::noinline]] void lib_d(const data* d, double* out) { store(chainrule::eval<F::derivative>(F::point(*d)), out); }
[[gnu::noinline]] void lib_g(const data* d, double* out) { store(chainrule::eval<F::gradient>(F::point(*d)), out); }
[[gnu::noinline]] void hand_f(const data* d, double* out) { out[0] = F::hand_function(*d); }
[[gnu::noinline]] void hand_d(const data* d, double* out) { F::hand_derivative(*d, out); }
}

int main(int argc, char** argv) {
    static const data d = F::sample();
    static double a[F::outputs], b[F::outputs];
    if (argc == 3) {
        const long reps = std::atol(argv[1]);
        using entry = void (*)(const data*, double*);
        const entry fn = std::strcmp(argv[2], "lib_f") == 0    ? lib_f
                         : std::strcmp(argv[2], "lib_d") == 0  ? lib_d
                         : std::strcmp(argv[2], "lib_g") == 0  ? lib_g
                         : std::strcmp(argv[2], "hand_f") == 0 ? hand_f
                                                               : hand_d;
        for (long r = 0; r < reps; ++r) fn(&d, a);
        std::printf("%.17g\n", a[0]);
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
    lib_d(&d, a), hand_d(&d, b), compare(F::outputs);
    lib_g(&d, a), hand_d(&d, b), compare(F::outputs);
    std::printf("%s<%d>: f = %.17g, d[0] = %.17g, largest relative difference from hand-written: %.3g\n",
                CR_STR(FAMILY), SIZE, f, a[0], worst);
    return worst < 1e-9 ? 0 : 1;
}
