#!/usr/bin/env python3
"""Per-function cost of constant evaluation, as instruction counts.

    bench/math/constexpr_profile.py [compiler=clang++] [type=double] [function...]

For each function, a TU with 200 namespace-scope constexpr evaluations (distinct
arguments over its domain) is compiled with -fsyntax-only under valgrind's
callgrind, and (instructions - instructions of the TU without evaluations) / 200
is printed.  Instruction counts are deterministic, unlike times on a busy
machine.  Takes about 20 s per function.
"""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FUNCS = [('exp', -700, 700), ('exp2', -1000, 1000), ('expm1', -5, 5), ('log', 1e-3, 1e6),
         ('log2', 1e-3, 1e6), ('log10', 1e-3, 1e6), ('log1p', -0.9, 100), ('sqrt', 0, 1e6),
         ('cbrt', -1e6, 1e6), ('sin', -1e6, 1e6), ('cos', -100, 100), ('tan', -10, 10),
         ('asin', -1, 1), ('acos', -1, 1), ('atan', -50, 50), ('sinh', -20, 20), ('cosh', -20, 20),
         ('tanh', -5, 5), ('asinh', -1e3, 1e3), ('acosh', 1, 1e3), ('atanh', -0.99, 0.99),
         ('erf', -4, 4), ('erfc', -3, 6), ('pow', 0.1, 10), ('hypot', -1e3, 1e3),
         ('atan2', -10, 10)]
BINARY = {'pow', 'hypot', 'atan2'}
N = 200

comp = sys.argv[1] if len(sys.argv) > 1 else 'clang++'
T = sys.argv[2] if len(sys.argv) > 2 else 'double'
only = sys.argv[3:]
suffix = {'double': '', 'float': 'f', 'long double': 'L'}[T]
tmp = tempfile.mkdtemp()


def instructions(src):
    cpp = os.path.join(tmp, 'tu.cpp')
    out = os.path.join(tmp, 'callgrind.out')
    with open(cpp, 'w') as f:
        f.write(src)
    subprocess.run(['valgrind', '--tool=callgrind', '--callgrind-out-file=' + out, comp,
                    '-std=c++20', '-fsyntax-only', '-I' + os.path.join(ROOT, 'include'), cpp],
                   check=True, capture_output=True)
    with open(out) as f:
        return int(re.search(r'^(?:summary|totals):\s*(\d+)', f.read(), re.M).group(1))


base = instructions('#include <chainrule/math.hpp>\n')
total = 0
count = 0
print('%-6s %12s' % ('fn', 'Ir/eval'))
for name, a, b in FUNCS:
    if only and name not in only:
        continue
    lines = ['#include <chainrule/math.hpp>']
    for i in range(N):
        x = a + (b - a) * (i + 0.5) / N
        args = repr(x) + suffix
        if name in BINARY:
            args += ', ' + repr(a + (b - a) * ((i * 37) % N + 0.5) / N) + suffix
        lines.append('[[maybe_unused]] constexpr %s v%d = chainrule::math::%s(%s);' % (T, i, name, args))
    per = (instructions('\n'.join(lines) + '\n') - base) / N
    total += per
    count += 1
    print('%-6s %12.0f' % (name, per), flush=True)
print('%-6s %12.0f' % ('mean', total / max(count, 1)))
