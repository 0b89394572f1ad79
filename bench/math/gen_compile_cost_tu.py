#!/usr/bin/env python3
"""Write a translation unit with N constant evaluations of chainrule::math.

    gen_compile_cost_tu.py N out.cpp [double|float|long double]

The evaluations cycle through all 26 functions with distinct arguments spread
over each function's domain (so no evaluation is a cached repeat), each one a
namespace-scope `constexpr` variable (maybe_unused: no giant expression that
would cost compile time of its own).  N = 0 gives the baseline TU (the header
included, nothing evaluated).
"""
import sys

n = int(sys.argv[1])
out = sys.argv[2]
T = sys.argv[3] if len(sys.argv) > 3 else 'double'
suffix = {'double': '', 'float': 'f', 'long double': 'L'}[T]

# (function, arity, generator of the i-th argument(s) as decimal strings)
def lin(a, b):
    return lambda i, n: repr(a + (b - a) * ((i * 7919) % 1000 + 0.5) / 1000)

funcs = [
    ('exp', lin(-700, 700)), ('exp2', lin(-1000, 1000)), ('expm1', lin(-5, 5)),
    ('log', lin(1e-3, 1e6)), ('log2', lin(1e-3, 1e6)), ('log10', lin(1e-3, 1e6)),
    ('log1p', lin(-0.9, 100)), ('sqrt', lin(0, 1e6)), ('cbrt', lin(-1e6, 1e6)),
    ('sin', lin(-1e6, 1e6)), ('cos', lin(-100, 100)), ('tan', lin(-10, 10)),
    ('asin', lin(-1, 1)), ('acos', lin(-1, 1)), ('atan', lin(-50, 50)),
    ('sinh', lin(-20, 20)), ('cosh', lin(-20, 20)), ('tanh', lin(-5, 5)),
    ('asinh', lin(-1e3, 1e3)), ('acosh', lin(1, 1e3)), ('atanh', lin(-0.99, 0.99)),
    ('erf', lin(-4, 4)), ('erfc', lin(-3, 6)),
    ('pow', lin(0.1, 10), lin(-20, 20)), ('hypot', lin(-1e3, 1e3), lin(-1e3, 1e3)),
    ('atan2', lin(-10, 10), lin(-10, 10)),
]

lines = ['#include <chainrule/math.hpp>', '', 'namespace m = chainrule::math;', '']
for i in range(n):
    f = funcs[i % len(funcs)]
    k = i // len(funcs)
    args = ', '.join(g(k, n) + suffix for g in f[1:])
    lines.append('[[maybe_unused]] constexpr %s v%d = m::%s(%s);' % (T, i, f[0], args))

with open(out, 'w') as fh:
    fh.write('\n'.join(lines) + '\n')
