#!/usr/bin/env python3
"""Reference values for tests/accuracy: the n-th derivatives (n = 0..20) of
every function of one argument on the accuracy grid (issue 12, item 1) and of
the chain-rule tutorial's compositions, each on its own grid of points in
[-40, 40] inside the function's domain, each value rounded to the nearest
double. Writes tests/accuracy/reference/<name>.hpp, one header per function
(a test includes only the data it checks).

The derivatives are mpmath's Taylor coefficients (numerical differentiation
in mpmath's arbitrary precision) at 80 significant digits, computed once more
at 100 digits: the script stops if the two, rounded to doubles, differ by
more than one unit in the last place anywhere, except where the truth is 0:
there numerical differentiation leaves noise (the 16th derivative of sigma
at 0 comes out as 4e-78 at 80 digits and 3e-98 at 100), and a value that
falls by 10 orders of magnitude or more with the 20 more digits is written
as 0. Where the function is
piecewise linear or a polynomial (relu, abs, ..., (2x + 1)^3) the derivatives
are written out exactly instead: numerical differentiation would leave 1e-70
where the truth is 0.

The grid points are doubles (multiples of 1/64 or 1/4 or 5/8), and the
references are at those exact values.

    python3 scripts/gen_high_order_reference.py            # every function
    python3 scripts/gen_high_order_reference.py log tan    # only these
"""
import math
import multiprocessing
import pathlib
import sys

import mpmath as mp

ORDER = 20
DIGITS = (80, 100)  # computed at both; they must agree


def steps(first, last, step):
    """first, first + step, ..., last (exact: step is a power of two or 5/8)."""
    count = round((last - first) / step)
    return [first + k * step for k in range(count + 1)]


# The grids (every point a double, every one inside the domain).
INTEGERS = steps(-40, 40, 1)  # 81 points
NONZERO = [x for x in INTEGERS if x != 0]  # 80: away from the kink at 0
POSITIVE = steps(0.5, 40, 0.5)  # 80, for log, sqrt, log2, log10: (0, 40]
LOG1P = steps(-0.5, 40, 0.5)  # 82, for log1p: (-1, 40]
ACOSH = steps(1.25, 40, 0.25)  # 156, for acosh: (1, 40]
UNIT = [k / 64 for k in range(-63, 64)]  # 127, for asin, acos, atanh: (-1, 1)
GAUSS = steps(-25, 25, 0.625)  # 81, for e^(x^2): its 20th derivative overflows a double past 25.5


def lncos_grid():
    """x = k/4 in [-40, 40] where cos(x^3) > 0 (the domain of ln cos x^3)."""
    mp.mp.dps = 50
    return [k / 4 for k in range(-160, 161) if mp.cos(mp.mpf(k / 4) ** 3) > 0]


def sigma(x):
    return 1 / (1 + mp.exp(-x))


def phi(x):
    """The standard normal distribution function."""
    return mp.erfc(-x / mp.sqrt(2)) / 2


def gauss(x):
    """Its density."""
    return mp.exp(-(x**2) / 2) / mp.sqrt(2 * mp.pi)


def real_cbrt(x):
    return mp.cbrt(x) if x >= 0 else -mp.cbrt(-x)


def linear(value, slope):
    """The derivatives of a function that is value + slope (t - x) near x."""
    return [mp.mpf(value), mp.mpf(slope)] + [mp.mpf(0)] * (ORDER - 1)


def cube_affine(x):
    """(2x + 1)^3: 6 (2x + 1)^2 2... exactly."""
    u = 2 * mp.mpf(x) + 1
    return [u**3, 6 * u**2, 24 * u, mp.mpf(48)] + [mp.mpf(0)] * (ORDER - 3)


def loss(x):
    """(sigma(relu(x)) - 4/5)^2: constant (0.09) left of the kink at 0."""
    if x < 0:
        return [(mp.mpf(1) / 2 - mp.mpf(4) / 5) ** 2] + [mp.mpf(0)] * ORDER
    return None  # on the right: by Taylor coefficients of the smooth branch


# name: (grid, the function for mpmath's Taylor coefficients, or None, and
# exact derivatives where they are written out). Where the derivatives are
# far smaller than the value (erf(x) at x = -28 is -1 + 1e-343, its 19th
# derivative 1e-309), numerical differentiation of the function would need
# hundreds of digits: the function is given as [f, f', ..., f^(k)], the
# derivatives from the k-th on are those of f^(k), written out. The first five were the
# first grid (sigmoid, tanh, x sigma(x), softplus, log-sigmoid).
FUNCTIONS = {
    "sigmoid": (INTEGERS, sigma, None),
    "tanh": (INTEGERS, mp.tanh, None),
    "silu": (INTEGERS, lambda x: x / (1 + mp.exp(-x)), None),
    "softplus": (INTEGERS, lambda x: mp.log(1 + mp.exp(x)), None),
    "log_sigmoid": (INTEGERS, lambda x: -mp.log(1 + mp.exp(-x)), None),
    # the elementary functions
    "exp": (INTEGERS, mp.exp, None),
    "log": (POSITIVE, mp.log, None),
    "sqrt": (POSITIVE, mp.sqrt, None),
    "cbrt": (NONZERO, real_cbrt, None),
    "sin": (INTEGERS, mp.sin, None),
    "cos": (INTEGERS, mp.cos, None),
    "tan": (INTEGERS, mp.tan, None),
    "asin": (UNIT, mp.asin, None),
    "acos": (UNIT, mp.acos, None),
    "atan": (INTEGERS, mp.atan, None),
    "sinh": (INTEGERS, mp.sinh, None),
    "cosh": (INTEGERS, mp.cosh, None),
    "asinh": (INTEGERS, mp.asinh, None),
    "acosh": (ACOSH, mp.acosh, None),
    "atanh": (UNIT, mp.atanh, None),
    "erf": (INTEGERS, [mp.erf, lambda x: 2 / mp.sqrt(mp.pi) * mp.exp(-(x**2))], None),
    "erfc": (INTEGERS, [mp.erfc, lambda x: -2 / mp.sqrt(mp.pi) * mp.exp(-(x**2))], None),
    "exp2": (INTEGERS, lambda x: mp.mpf(2) ** x, None),
    "expm1": (INTEGERS, mp.expm1, None),
    "log1p": (LOG1P, mp.log1p, None),
    "log2": (POSITIVE, lambda x: mp.log(x, 2), None),
    "log10": (POSITIVE, mp.log10, None),
    # the activations
    "gelu": (INTEGERS, [lambda x: x * phi(x), lambda x: phi(x) + x * gauss(x), lambda x: (2 - x**2) * gauss(x)], None),
    "elu": (NONZERO, lambda x: x if x > 0 else mp.expm1(x), lambda x: linear(x, 1) if x > 0 else None),
    "softsign": (NONZERO, lambda x: x / (1 + abs(x)), None),
    # piecewise linear: exact away from the kink at 0
    "relu": (NONZERO, None, lambda x: linear(max(x, 0), 1 if x > 0 else 0)),
    "abs": (NONZERO, None, lambda x: linear(abs(x), 1 if x > 0 else -1)),
    "leaky_relu": (NONZERO, None, lambda x: linear(x if x > 0 else mp.mpf(x) / 100, 1 if x > 0 else mp.mpf(1) / 100)),
    "step": (NONZERO, None, lambda x: linear(1 if x > 0 else 0, 0)),
    "sign": (NONZERO, None, lambda x: linear(1 if x > 0 else -1, 0)),
    # the tutorial's compositions
    "cube_affine": (INTEGERS, None, cube_affine),
    "exp_square": (GAUSS, lambda x: mp.exp(x**2), None),
    "sqrt_square_plus_5": (INTEGERS, lambda x: mp.sqrt(x**2 + 5), None),
    "log_square_plus_5": (INTEGERS, lambda x: mp.log(x**2 + 5), None),
    "exp_sin_square": (INTEGERS, lambda x: mp.exp(mp.sin(x**2)), None),
    "sin_cubed_2x": (INTEGERS, lambda x: mp.sin(2 * x) ** 3, None),
    "log_cos_cube": (None, lambda x: mp.log(mp.cos(x**3)), None),
    "sigmoid_affine": (INTEGERS, lambda x: sigma(2 * x + 1), None),
    "loss": (NONZERO, lambda x: (sigma(x) - mp.mpf(4) / 5) ** 2, loss),
}


def derivatives(name, x, dps):
    grid, f, exact = FUNCTIONS[name]
    mp.mp.dps = dps
    if exact is not None:
        d = exact(x)
        if d is not None:
            return d
    # f, or [f, f', ..., f^(k)]: the derivatives above k are those of f^(k)
    parts = f if isinstance(f, list) else [f]
    k = len(parts) - 1
    out = [g(mp.mpf(x)) for g in parts[:k]]
    coefficients = mp.taylor(parts[k], mp.mpf(x), ORDER - k, chop=False)  # (chopped, erfc(15) would be 0)
    return out + [c * mp.factorial(i) for i, c in enumerate(coefficients)]


def task(args):
    """The derivatives at one point, as doubles, from the two precisions."""
    name, x = args
    low, high = (derivatives(name, x, dps) for dps in DIGITS)
    out = []
    for n, (a, b) in enumerate(zip(low, high)):
        if abs(float(a) - float(b)) <= math.ulp(float(b)):
            out.append(float(b))
        elif abs(b) <= mp.mpf(10) ** (DIGITS[0] - DIGITS[1] + 10) * abs(a):
            out.append(0.0)  # noise, 20 orders of magnitude smaller with 20 more digits: the truth is 0
        else:
            raise ValueError(f"{name} at {x}, order {n}: {a} at {DIGITS[0]} digits, {b} at {DIGITS[1]}")
    return out


def spelled(d):
    return "0.0" if d == 0.0 else repr(d)


def header(name, points, table):
    out = [
        "// Generated by scripts/gen_high_order_reference.py (mpmath); do not edit.",
        "#pragma once",
        "// clang-format off",
        "",
        '#include "grid.hpp"',
        "",
        "namespace high_order_reference {",
        "",
        f"// {name}: points, and values[n][i], the n-th derivative at points[i]",
        f"inline constexpr grid<{len(points)}> {name} = {{",
        "    {" + ", ".join(spelled(float(p)) for p in points) + "},",
        "    {{",
    ]
    for n in range(ORDER + 1):
        out.append("        {" + ", ".join(spelled(table[i][n]) for i in range(len(points))) + "},")
    out += ["    }},", "};", "", "}  // namespace high_order_reference", "// clang-format on", ""]
    return "\n".join(out)


def main():
    names = sys.argv[1:] or list(FUNCTIONS)
    for name in names:
        if name not in FUNCTIONS:
            raise SystemExit(f"unknown function {name}; known: {' '.join(FUNCTIONS)}")
    directory = pathlib.Path(__file__).resolve().parent.parent / "tests" / "accuracy" / "reference"
    directory.mkdir(exist_ok=True)
    lncos = lncos_grid()
    with multiprocessing.Pool() as pool:
        for name in names:
            points = FUNCTIONS[name][0] or lncos
            table = pool.map(task, [(name, x) for x in points])
            path = directory / f"{name}.hpp"
            path.write_text(header(name, points, table))
            print(f"wrote {path} ({len(points)} points)", flush=True)


if __name__ == "__main__":
    main()
