#!/usr/bin/env bash
# Compiles bench/math/zero_cost.cpp to assembly at -O2 and checks that the
# bodies of via_chainrule (chainrule::eval<Exp<X>>) and via_cmath (std::exp)
# are the same instructions.  Exit status 0 if identical.
#
#   bench/math/zero_cost_asm.sh [compiler=g++] [extra flags...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cxx="${1:-g++}"
shift || true
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$cxx" -std=c++20 -O2 -S -fno-asynchronous-unwind-tables -I"$root/include" "$@" \
    "$here/zero_cost.cpp" -o "$tmp/zero_cost.s"

. "$root/bench/asm_body.sh"
chain_sym="$(grep -o '^_Z13via_chainruled' "$tmp/zero_cost.s" | head -1)"
cmath_sym="$(grep -o '^_Z9via_cmathd' "$tmp/zero_cost.s" | head -1)"
asm_body "$tmp/zero_cost.s" "$chain_sym" > "$tmp/chainrule.txt"
asm_body "$tmp/zero_cost.s" "$cmath_sym" > "$tmp/cmath.txt"
echo "== $cxx: via_chainrule (chainrule::eval<Exp<X>>(x))"
cat "$tmp/chainrule.txt"
echo "== $cxx: via_cmath (std::exp(x))"
cat "$tmp/cmath.txt"
if [ -s "$tmp/chainrule.txt" ] && cmp -s "$tmp/chainrule.txt" "$tmp/cmath.txt"; then
    echo "IDENTICAL: $(wc -l < "$tmp/chainrule.txt") instructions"
else
    echo "DIFFERENT"
    diff "$tmp/chainrule.txt" "$tmp/cmath.txt" || true
    exit 1
fi
