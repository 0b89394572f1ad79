// Zero run-time cost (issue 4, item 5): at run time chainrule's exp is the
// <cmath> call itself.  Two functions that cannot be inlined into the loop:
// one evaluates the expression Exp<X> through chainrule::eval, the other
// calls std::exp.  zero_cost_asm.sh compares their machine code,
// zero_cost_callgrind.sh their instruction counts under callgrind.
//
// Define CHAINRULE_ZERO_COST_MATH_ONLY to compare chainrule::math::exp itself
// (the layer below eval) instead.
#ifdef CHAINRULE_ZERO_COST_MATH_ONLY
#include <chainrule/math.hpp>
#else
#include <chainrule.hpp>
#endif

#include <cmath>
#include <cstdio>
#include <cstdlib>

[[gnu::noinline]] double via_chainrule(double x) {
#ifdef CHAINRULE_ZERO_COST_MATH_ONLY
    return chainrule::math::exp(x);
#else
    return chainrule::eval<chainrule::Exp<chainrule::X>>(x);
#endif
}

[[gnu::noinline]] double via_cmath(double x) { return std::exp(x); }

int main(int argc, char** argv) {
    // zero_cost [chainrule|cmath] [iterations]
    const bool use_chainrule = argc < 2 || argv[1][0] != 'c' || argv[1][1] != 'm';
    const long n = argc > 2 ? std::atol(argv[2]) : 1000000;
    double sum = 0;
    for (long i = 0; i < n; ++i) {
        const double x = -20.0 + 40.0 * static_cast<double>(i % 1000) / 1000.0;
        sum += use_chainrule ? via_chainrule(x) : via_cmath(x);
    }
    std::printf("%s: %ld calls, checksum %.17g\n", use_chainrule ? "chainrule" : "cmath", n, sum);
    return 0;
}
