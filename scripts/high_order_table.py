#!/usr/bin/env python3
"""Prints the accuracy tables of docs/accuracy.md: runs the high-order
accuracy tests of a build (tests/accuracy/high_order_*_test) and formats the
rows they print, chainrule's and Boost.Math fvar's worst errors per function
and order, as Markdown.

    python3 scripts/high_order_table.py build/g++ > /tmp/tables.md

Each test prints, per function and order n, the line
    | name | n | grid c | grid b | inner c | inner b | local c | local b | at grid | at inner | at local |
(c chainrule, b Boost, then the points of chainrule's worst errors;
tests/accuracy/high_order.hpp says what each measure is), and a line
    | gap | name | n | criterion | chainrule | Boost | at |
for each comparison chainrule loses. The output is one table per group of
at most five functions (rows n, cells "chainrule / Boost" on the whole
grid), one line per function summarising the two other measures, and the
gaps, one line per function and criterion.
"""
import pathlib
import re
import subprocess
import sys

ROW = re.compile(r"^\| (\w+) \| (\d+) \| (.*) \|$")
ORDER = ["logistic", "tanh", "silu", "functions", "inverse", "tutorial", "taylor"]  # the tests, in the tables' order
GAP = re.compile(r"^\| gap \| (\w+) \| (\d+) \| (\w+) \| (\S+) \| (\S+) \| (\S+) \|")


def run(test, gaps):
    out = subprocess.run([str(test)], capture_output=True, text=True).stdout
    rows = {}
    for line in out.splitlines():
        m = ROW.match(line)
        if m:
            name, n, rest = m.group(1), int(m.group(2)), [v.strip() for v in m.group(3).split("|")]
            rows.setdefault(name, {})[n] = rest
        m = GAP.match(line)
        if m:
            gaps.setdefault((m.group(1), m.group(3)), []).append(
                (int(m.group(2)), float(m.group(4)), float(m.group(5)), m.group(6)))
    return rows


def num(s):
    return float(s)


def main():
    build = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "build/g++")
    found = {t.name: t for t in (build / "tests" / "accuracy").glob("high_order_*_test")}
    if not found:
        raise SystemExit(f"no tests/accuracy/high_order_*_test in {build}: build it first")
    order = [f"high_order_{g}_test" for g in ORDER]
    tests = [found[t] for t in order if t in found] + [found[t] for t in sorted(found) if t not in order]
    functions, gaps, groups = {}, {}, []
    for test in tests:
        rows = run(test, gaps)
        functions.update(rows)
        names = list(rows)
        for k in range(0, len(names), 5):  # at most five to a table; a small test shares the last one
            if groups and len(groups[-1]) + len(names[k : k + 5]) <= 5:
                groups[-1] += names[k : k + 5]
            else:
                groups.append(names[k : k + 5])
    print("Worst error on each function's grid, chainrule / Boost.Math `fvar` (— : not compiled):\n")
    for group in groups:
        print("| n | " + " | ".join(group) + " |")
        print("|---:|" + "---|" * len(group))
        for n in range(21):
            cells = []
            for name in group:
                r = functions[name].get(n)
                cells.append(f"{r[0]} / {r[1]}" if r else "—")
            print(f"| {n} | " + " | ".join(cells) + " |")
        print()
    print("With the local floor (worst over the orders, and at which order), and on [-8, 8] to order 10 "
          "where Boost is within 1e-13 (worst over those orders):\n")
    print("| function | orders | local, chainrule / Boost | [-8, 8], chainrule / Boost |")
    print("|---|---|---|---|")
    for name in functions:
        rows = functions[name]
        top = max(rows)
        lc = max(rows, key=lambda n: num(rows[n][4]))
        lb = max(rows, key=lambda n: num(rows[n][5]))
        inner = [n for n in rows if n <= 10 and num(rows[n][3]) <= 1e-13]
        if inner:
            ic = max(num(rows[n][2]) for n in inner)
            ib = max(num(rows[n][3]) for n in inner)
            inner_text = f"{ic:.1e} / {ib:.1e} ({len(inner)} of {min(top, 10) + 1} orders)"
        else:
            inner_text = "— (Boost never within)"
        print(f"| {name} | 0–{top} | {rows[lc][4]} (n = {lc}) / {rows[lb][5]} (n = {lb}) | {inner_text} |")
    print("\nThe gaps: where chainrule loses a comparison (grid, local: against max(Boost, 1e-14); inner: against "
          "1e-13 where Boost is within it), with the worst of the orders by ratio:\n")
    print("| function | measure | orders | worst: n, chainrule / Boost, at x |")
    print("|---|---|---|---|")
    for (name, what), lost in gaps.items():
        bound = (lambda b: 1e-13) if what == "inner" else (lambda b: max(b, 1e-14))
        n, c, b, x = max(lost, key=lambda g: g[1] / bound(g[2]))
        orders = ", ".join(str(g[0]) for g in lost)
        print(f"| {name} | {what} | {orders} | {n}: {c:.1e} / {b:.1e} ({c / bound(b):.1f}×), x = {x} |")


if __name__ == "__main__":
    main()
