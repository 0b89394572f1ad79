#!/usr/bin/env python3
"""Generate tests/functions_reference.hpp: mpmath references for the built-in functions.

    python3 scripts/gen_function_reference.py

For every function of one argument (include/chainrule/functions/) the header
holds at least 20 points x (doubles) with the value f(x) and the first two
derivatives f'(x), f''(x), each computed with mpmath at 200 bits and rounded
once to the nearest double. The derivatives are mpmath's numerical ones
(mp.diff, at 200 bits), independent of the library's rules. The functions of
two arguments have points (x, y) with the value and the two partials.

For the four functions of two arguments the points are (x, y), with the value,
both first partials and the second partials by x and by y.

The output is checked in; the C++ tests never run Python. It is used by
tests/functions_accuracy_test.cpp, which checks values to 4 ulp and
derivatives to 1e-13 relative, in constant evaluation and at run time.

Points are spread over each function's domain (the `domain` column below),
skipping points within 1% of the domain's width of a zero of f, f' or f''
(where a relative error says nothing) and of a kink. The domains of tanh,
sigmoid, softplus and log_sigmoid stop where their derivative rules, written
with 1 - tanh^2 and 1 - sigmoid (the forms of the documented identities
D<Tanh<X>> and D<Sigmoid<X>>), lose relative accuracy to cancellation: for
tanh at |u| > 3, for sigmoid's family at u > 6 (or u < -6 for log_sigmoid).
There the absolute error stays within a few 2^-53.
"""

import os
import shutil
import subprocess

import mpmath as mp

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "functions_reference.hpp")
mp.mp.prec = 200

N_POINTS = 24


def sigmoid(x):
    return 1 / (1 + mp.exp(-x))


def cbrt(x):
    return mp.sign(x) * mp.cbrt(abs(x))


# name, C++ alias of the variable V, f, domain (a, b), geometric spacing?, kinks
ONE = [
    ("exp", "Exp<V>", mp.exp, (-20, 20), False, []),
    ("log", "Log<V>", mp.log, (0.01, 100), True, []),
    ("sqrt", "Sqrt<V>", mp.sqrt, (0.01, 100), True, []),
    ("sin", "Sin<V>", mp.sin, (-10, 10), False, []),
    ("cos", "Cos<V>", mp.cos, (-10, 10), False, []),
    ("tan", "Tan<V>", mp.tan, (-1.5, 1.5), False, []),
    ("tanh", "Tanh<V>", mp.tanh, (-3, 3), False, []),
    ("sigmoid", "Sigmoid<V>", sigmoid, (-20, 6), False, []),
    ("relu", "Relu<V>", lambda x: x if x > 0 else mp.mpf(0), (-5, 5), False, [0]),
    ("abs", "Abs<V>", abs, (-5, 5), False, [0]),
    ("asin", "Asin<V>", mp.asin, (-0.99, 0.99), False, []),
    ("acos", "Acos<V>", mp.acos, (-0.99, 0.99), False, []),
    ("atan", "Atan<V>", mp.atan, (-20, 20), False, []),
    ("sinh", "Sinh<V>", mp.sinh, (-20, 20), False, []),
    ("cosh", "Cosh<V>", mp.cosh, (-20, 20), False, []),
    ("asinh", "Asinh<V>", mp.asinh, (-50, 50), False, []),
    ("acosh", "Acosh<V>", mp.acosh, (1.01, 100), True, []),
    ("atanh", "Atanh<V>", mp.atanh, (-0.99, 0.99), False, []),
    ("erf", "Erf<V>", mp.erf, (-4, 4), False, []),
    ("erfc", "Erfc<V>", mp.erfc, (-4, 20), False, []),
    ("exp2", "Exp2<V>", lambda x: mp.power(2, x), (-30, 30), False, []),
    ("log2", "Log2<V>", lambda x: mp.log(x, 2), (0.01, 1000), True, []),
    ("log10", "Log10<V>", mp.log10, (0.01, 1000), True, []),
    ("log1p", "Log1p<V>", lambda x: mp.log(1 + x), (-0.99, 100), False, []),
    ("expm1", "Expm1<V>", mp.expm1, (-20, 20), False, []),
    ("cbrt", "Cbrt<V>", cbrt, (-100, 100), False, [0]),
    ("softplus", "Softplus<V>", lambda x: mp.log(1 + mp.exp(x)), (-20, 6), False, []),
    ("log_sigmoid", "LogSigmoid<V>", lambda x: -mp.log(1 + mp.exp(-x)), (-6, 20), False, []),
    ("silu", "Silu<V>", lambda x: x * sigmoid(x), (-6, 6), False, []),
    ("gelu", "Gelu<V>", lambda x: x * mp.erfc(-x / mp.sqrt(2)) / 2, (-8, 8), False, []),
    ("elu", "Elu<V>", lambda x: x if x > 0 else mp.expm1(x), (-10, 10), False, [0]),
    ("leaky_relu", "LeakyRelu<V>", lambda x: x if x > 0 else x / 100, (-5, 5), False, [0]),
    ("softsign", "Softsign<V>", lambda x: x / (1 + abs(x)), (-50, 50), False, [0]),
]


# name, C++ alias of the variables V, W, f(x, y), domain of x and y, and the
# smallest distance from the origin (atan2 and hypot have none there)
TWO = [
    ("atan2", "Atan2<V, W>", mp.atan2, (-5, 5), 0.5),
    ("hypot", "Hypot<V, W>", lambda x, y: mp.sqrt(x * x + y * y), (-50, 50), 0.5),
    ("max", "Max<V, W>", lambda x, y: x if x > y else y, (-5, 5), 0),
    ("min", "Min<V, W>", lambda x, y: y if x > y else x, (-5, 5), 0),
]
LINEAR2 = {"max", "min"}


def candidates(a, b, geometric, n):
    # a low-discrepancy sequence over [a, b] (the golden ratio's fractional
    # parts), so that the points are spread and none is a round number
    phi = (mp.sqrt(5) - 1) / 2
    out = []
    for i in range(n):
        t = mp.frac(mp.mpf(i) * phi + mp.mpf("0.1234"))
        if geometric:
            x = mp.exp(mp.log(a) + t * (mp.log(b) - mp.log(a)))
        else:
            x = a + t * (b - a)
        out.append(float(x))  # a double: the point is exactly this double
    return out


PIECEWISE_LINEAR = {"relu", "abs", "leaky_relu"}


def derivatives(f, x, piecewise_linear=False):
    x = mp.mpf(x)
    d = [f(x), mp.diff(f, x, 1), mp.diff(f, x, 2)]
    if piecewise_linear:
        # mp.diff of a function linear near x leaves noise of the working
        # precision where the exact second derivative is 0
        assert abs(d[2]) < mp.mpf(10) ** -40
        d[2] = mp.mpf(0)
    return d


def near_zero_or_kink(f, x, delta, kinks, linear):
    if any(abs(x - k) < delta for k in kinks):
        return True
    values = [derivatives(f, x - delta, linear), derivatives(f, x, linear), derivatives(f, x + delta, linear)]
    for n in range(3):
        vs = [v[n] for v in values]
        if all(v == 0 for v in vs):
            continue  # identically zero there (relu''): checked as exactly 0
        if any(v == 0 for v in vs) or not (all(v > 0 for v in vs) or all(v < 0 for v in vs)):
            return True
    return False


def lit(v):
    d = float(v)  # mpmath rounds to the nearest double
    if d == 0:
        return "0.0"
    return d.hex()


def one_argument(name, alias, f, dom, geometric, kinks):
    a, b = dom
    delta = 0.01 * (b - a) if not geometric else 0.01 * (mp.log(b) - mp.log(a))
    points = []
    for x in candidates(a, b, geometric, 400):
        d = delta * abs(x) if geometric else delta
        if near_zero_or_kink(f, x, d, kinks, name in PIECEWISE_LINEAR):
            continue
        points.append(x)
        if len(points) == N_POINTS:
            break
    assert len(points) >= 20, name
    rows = []
    for x in points:
        v = derivatives(f, x, name in PIECEWISE_LINEAR)
        rows.append("        {%s, %s, %s, %s}," % (lit(x), lit(v[0]), lit(v[1]), lit(v[2])))
    return f"""struct {name}_data {{
    static constexpr const char* name = "{name}";
    template <class V>
    using F = {alias};
    static constexpr point points[] = {{
{chr(10).join(rows)}
    }};
}};
"""


def partials(f, x, y, linear):
    x, y = mp.mpf(x), mp.mpf(y)
    d = [f(x, y)] + [mp.diff(f, (x, y), order) for order in [(1, 0), (0, 1), (2, 0), (0, 2)]]
    if linear:
        assert abs(d[3]) < mp.mpf(10) ** -40 and abs(d[4]) < mp.mpf(10) ** -40
        d[3] = d[4] = mp.mpf(0)
    return d


def two_arguments(name, alias, f, dom, min_radius):
    a, b = dom
    delta = 0.01 * (b - a)
    linear = name in LINEAR2
    xs = candidates(a, b, False, 400)
    ys = candidates(a, b, False, 400 + 137)[137:]  # another stretch of the sequence
    points = []
    for x, y in zip(xs, ys):
        if x * x + y * y < min_radius**2 or abs(x - y) < delta:
            continue
        around = [partials(f, x + dx, y + dy, linear) for dx, dy in [(0, 0), (delta, 0), (-delta, 0), (0, delta), (0, -delta)]]
        bad = False
        for n in range(5):
            vs = [v[n] for v in around]
            if all(v == 0 for v in vs):
                continue
            if any(v == 0 for v in vs) or not (all(v > 0 for v in vs) or all(v < 0 for v in vs)):
                bad = True
        if bad:
            continue
        points.append((x, y))
        if len(points) == N_POINTS:
            break
    assert len(points) >= 20, name
    rows = []
    for x, y in points:
        v = partials(f, x, y, linear)
        rows.append("        {%s, %s, %s, %s, %s, %s, %s}," % ((lit(x), lit(y)) + tuple(lit(t) for t in v)))
    return f"""struct {name}_data {{
    static constexpr const char* name = "{name}";
    template <class V, class W>
    using F = {alias};
    static constexpr point2 points[] = {{
{chr(10).join(rows)}
    }};
}};
"""


def main():
    parts = [
        "// Generated by scripts/gen_function_reference.py: do not edit.",
        "// mpmath references (200 bits, rounded once to double) for the built-in",
        "// functions: points x with f(x), f'(x), f''(x); see the script for how the",
        "// points are chosen.",
        "#pragma once",
        "",
        "#include <chainrule.hpp>",
        "",
        "namespace function_reference {",
        "",
        "using namespace chainrule;",
        "",
        "struct point {",
        "    double x, f, d1, d2;",
        "};",
        "",
    ]
    names = []
    for row in ONE:
        parts.append(one_argument(*row))
        names.append(row[0] + "_data")
    parts.append("struct point2 {\n    double x, y, f, fx, fy, fxx, fyy;\n};\n")
    names2 = []
    for row in TWO:
        parts.append(two_arguments(*row))
        names2.append(row[0] + "_data")
    parts.append("template <class... Ds>\nstruct list {};\nusing all = list<" + ", ".join(names) + ">;\n")
    parts.append("using all_two = list<" + ", ".join(names2) + ">;\n")
    parts.append("}  // namespace function_reference\n")
    with open(OUT, "w") as out:
        out.write("\n".join(parts))
    # laid out as the house style wants (tests/ is checked by clang-format)
    fmt = shutil.which("clang-format-14") or shutil.which("clang-format")
    if fmt:
        subprocess.run([fmt, "-i", "--style=file", OUT], check=True, cwd=ROOT)
    else:
        print("warning: clang-format not found; the style test will want the output formatted")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
