#!/usr/bin/env python3
"""The gap e^(sin x^2) had until 2026-12-02 (docs/accuracy.md, "Known gaps":
closed by evaluating sin x^2, cos x^2 and the polynomial in long double): how close
to its conditioning limit each way of evaluating the n-th derivative can
come on the suite's grid x = -40, -39, ..., 40 (error relative to the
reference, floored at 1e-3 of the largest |reference|, as the tests measure
"grid").

The derivative is e^s P(x, c, s) with s = sin x^2, c = cos x^2 and P a
polynomial. Whatever the form, a double evaluation starts from the rounded
s, c and e^s; so the limit is P evaluated *exactly* from those rounded values
(Python fractions), which is what the third column prints. The first column
is the fifth derivative as chainrule's canonical form writes it (its
to_text, below; constants outside sub-sums, so one monomial occurs in several
of them), evaluated in double left to right; then the polynomial collected
into distinct monomials and summed in double, and the same terms summed
exactly rounded (math.fsum).

    python3 scripts/exp_sin_square_gap.py
"""
import math
from fractions import Fraction

import mpmath as mp
import sympy as sp

mp.mp.dps = 50
x = sp.symbols('x')
S, C, E = sp.symbols('S C E')
POINTS = [float(k) for k in range(-40, 41)]

# to_text<D<Exp<Sin<Pow<X, Int<2>>>>, X, 5>>() (chainrule, 2026-12-01)
WRITTEN_5 = ("2*(6*(2*x*cos(x^2)^3*exp(sin(x^2)) - 4*x*cos(x^2)*exp(sin(x^2))*sin(x^2)) - 6*(2*x*cos(x^2)*exp(sin(x^2)) + 2*x*cos(x^2)*exp(sin(x^2))*sin(x^2)) - 24*(2*x*cos(x^2)*exp(sin(x^2)) - 2*x^3*exp(sin(x^2))*sin(x^2) + 2*x^3*cos(x^2)^2*exp(sin(x^2))) + 24*(2*x*cos(x^2)^3*exp(sin(x^2)) + 2*x^3*cos(x^2)^4*exp(sin(x^2)) - 6*x^3*cos(x^2)^2*exp(sin(x^2))*sin(x^2)) + 8*(4*x^3*exp(sin(x^2))*sin(x^2) + 2*x^5*cos(x^2)*exp(sin(x^2)) + 2*x^5*cos(x^2)*exp(sin(x^2))*sin(x^2)) + 24*(4*x^3*exp(sin(x^2))*sin(x^2)^2 + 4*x^5*cos(x^2)*exp(sin(x^2))*sin(x^2) + 2*x^5*cos(x^2)*exp(sin(x^2))*sin(x^2)^2) - 32*(4*x^3*cos(x^2)^2*exp(sin(x^2)) + 2*x^5*cos(x^2)^3*exp(sin(x^2)) - 4*x^5*cos(x^2)*exp(sin(x^2))*sin(x^2)) + 8*(4*x^3*cos(x^2)^4*exp(sin(x^2)) + 2*x^5*cos(x^2)^5*exp(sin(x^2)) - 8*x^5*cos(x^2)^3*exp(sin(x^2))*sin(x^2)) - 72*(2*x^3*cos(x^2)^2*exp(sin(x^2)) - 2*x^3*exp(sin(x^2))*sin(x^2)^2 + 2*x*cos(x^2)*exp(sin(x^2))*sin(x^2) + 2*x^3*cos(x^2)^2*exp(sin(x^2))*sin(x^2)) - 48*(2*x^5*cos(x^2)^3*exp(sin(x^2)) + 4*x^3*cos(x^2)^2*exp(sin(x^2))*sin(x^2) - 4*x^5*cos(x^2)*exp(sin(x^2))*sin(x^2)^2 + 2*x^5*cos(x^2)^3*exp(sin(x^2))*sin(x^2)))")


def worst(values, refs):
    big = max(abs(r) for r in refs)
    errs = [(abs(v - float(r)) / max(abs(float(r)), 1e-3 * float(big)), p) for v, r, p in zip(values, refs, POINTS)]
    return max(errs)


def main():
    print("| n | terms | as written, in double | collected, in double | collected, fsum | "
          "exact from the rounded sin, cos, exp |")
    print("|---|---|---|---|---|---|")
    for n in (5, 6):
        d = sp.diff(sp.exp(sp.sin(x**2)), x, n)
        f = sp.lambdify(x, d, 'mpmath')
        refs = [f(mp.mpf(p)) for p in POINTS]
        collected = sp.expand(d.subs(sp.exp(sp.sin(x**2)), E).subs({sp.sin(x**2): S, sp.cos(x**2): C}))
        terms = sp.Poly(collected, x, C, S, E).terms()
        written = eval("lambda x: " + WRITTEN_5.replace("^", "**"), {"cos": math.cos, "sin": math.sin, "exp": math.exp})
        as_written = [written(p) for p in POINTS] if n == 5 else None
        plain, fsum, exact = [], [], []
        for p in POINTS:
            s, c = math.sin(p * p), math.cos(p * p)
            e = math.exp(s)
            parts = [float(k) * p**a * c**b * s**i * e**j for (a, b, i, j), k in terms]
            total = 0.0
            for t in parts:
                total += t
            plain.append(total)
            fsum.append(math.fsum(parts))
            exact.append(float(sum(Fraction(int(k)) * Fraction(p)**a * Fraction(c)**b * Fraction(s)**i *
                                   Fraction(e)**j for (a, b, i, j), k in terms)))
        cells = [worst(v, refs) for v in (plain, fsum, exact)]
        first = "{:.2g} (x = {:g})".format(*worst(as_written, refs)) if as_written else "—"
        print(f"| {n} | {len(terms)} | {first} | " + " | ".join(f"{err:.2g} (x = {at:g})" for err, at in cells) + " |")


if __name__ == "__main__":
    main()
