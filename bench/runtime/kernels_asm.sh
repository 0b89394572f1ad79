#!/usr/bin/env bash
# Compiles bench/runtime/kernels.cpp to assembly at -O2 and checks that each
# kernel (sigma', tanh', softplus'', silu') is what the hand-written stable form
# compiles to in kind: exactly one call to exp (or to chainrule's const
# out-of-line e^-|x|, which calls it) and no x87 instruction (no long double
# arithmetic). A check of the code's shape, not of its time: the
# times are derivatives.cpp's, in docs/performance.md. Exit status 0 if every
# kernel passes.
#
#   bench/runtime/kernels_asm.sh [compiler=g++] [extra flags...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cxx="${1:-g++}"
shift || true
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$cxx" -std=c++20 -O2 -DNDEBUG -S -fno-asynchronous-unwind-tables -I"$root/include" "$@" \
    "$here/kernels.cpp" -o "$tmp/kernels.s"

. "$root/bench/asm_body.sh"
status=0
for kernel in kernel_sigmoid_prime kernel_tanh_prime kernel_softplus_second kernel_silu_prime; do
    sym="$(grep -o "^_Z[0-9]*${kernel}d" "$tmp/kernels.s" | head -1)"
    asm_body "$tmp/kernels.s" "$sym" > "$tmp/$kernel.txt"
    n="$(wc -l < "$tmp/$kernel.txt")"
    # exp itself, or chainrule::math::detail::exp_minus_magnitude_at_run_time
    # (std::exp out of line, declared const so that calls at one point merge)
    calls="$(grep -cE '^ ?(callq?|jmpq?) .*(\bexp(@PLT)?|exp_minus_magnitude_at_run_time[A-Za-z0-9_]*(@PLT)?)$' "$tmp/$kernel.txt" || true)"
    x87="$(grep -cE '^ ?f[a-z0-9]* ' "$tmp/$kernel.txt" || true)"
    x87_bare="$(grep -cE '^ ?f[a-z0-9]*$' "$tmp/$kernel.txt" || true)"
    x87=$((x87 + x87_bare))
    echo "== $cxx: $kernel: $n instructions, $calls call(s) to exp, $x87 x87 instruction(s)"
    if [ "$n" -eq 0 ] || [ "$calls" -ne 1 ] || [ "$x87" -ne 0 ]; then
        echo "FAIL: $kernel should call exp once and use no x87 instruction"
        cat "$tmp/$kernel.txt"
        status=1
    fi
done
exit $status
