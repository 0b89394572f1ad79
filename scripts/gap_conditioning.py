#!/usr/bin/env python3
"""Why the known accuracy gaps of docs/accuracy.md are where they are, and
what form would close most of them: the condition number of a sum -- the sum
of its terms' magnitudes over the magnitude of the sum, the factor by which
it magnifies the rounding errors of its terms -- for the n-th derivative
written as the canonical forms write it (terms c x^j q^(e - k)) and over a
common denominator (q^e times one polynomial in x, evaluated by Horner's
rule). Prints one line per case; exact arithmetic (SymPy), 30 digits.

    python3 scripts/gap_conditioning.py
"""
import sympy as sp

x = sp.symbols('x')

CASES = [  # (function, order, point: chainrule's worst in the gap table, common factor, its exponent)
    (sp.atan(x), 16, -5, 1 + x**2, -16),
    (sp.atan(x), 12, -3, 1 + x**2, -12),
    (sp.asinh(x), 15, -6, 1 + x**2, sp.Rational(1, 2) - 15),
    (sp.sqrt(x**2 + 5), 15, -8, x**2 + 5, sp.Rational(1, 2) - 15),
    (sp.log(x**2 + 5), 14, -20, x**2 + 5, -14),
    (sp.erf(x), 14, -3, sp.exp(-x**2), 1),
]


def condition(terms, at):
    values = [sp.N(t.subs(x, at), 30) for t in terms]
    return float(sum(abs(v) for v in values) / abs(sum(values)))


def main():
    print("| function | n | x | as the canonical form writes it | over a common denominator |")
    print("|---|---|---|---|---|")
    for f, n, at, q, e in CASES:
        d = sp.diff(f, x, n)
        written = sp.Add.make_args(sp.expand(d))
        common = sp.Add.make_args(sp.expand(sp.simplify(d / q**e)))
        print(f"| {f} | {n} | {at} | {condition(written, at):.3g} ({len(written)} terms) | "
              f"{condition(common, at):.3g} |")


if __name__ == "__main__":
    main()
