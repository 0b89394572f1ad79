#!/usr/bin/env bash
# Instruction counts (valgrind --tool=callgrind) of N calls of
# chainrule::eval<Exp<X>>(x) against N calls of std::exp(x), each through a
# noinline function, at -O2, for g++ and clang++.  Only the instructions
# executed inside via_chainrule / via_cmath (including the libm exp they call)
# are counted (--toggle-collect).
#
#   bench/math/zero_cost_callgrind.sh [N=100000] [extra compiler flags...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${1:-100000}"
shift || true
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
printf '%-8s %-28s %16s %16s\n' compiler function "Ir (N=$n)" "Ir per call"
for cxx in g++ clang++; do
    "$cxx" -std=c++20 -O2 -g -I"$root/include" "$@" "$here/zero_cost.cpp" -o "$tmp/zc_$cxx"
    for mode in chainrule cmath; do
        fn="via_$mode"
        valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.$cxx.$mode" \
            --toggle-collect="$fn*" "$tmp/zc_$cxx" "$mode" "$n" > "$tmp/out.txt" 2> "$tmp/vg.txt"
        ir="$(awk '/^summary:|^totals:/ {print $2; exit}' "$tmp/cg.$cxx.$mode")"
        printf '%-8s %-28s %16s %16s\n' "$cxx" "$fn" "$ir" "$(awk -v a="$ir" -v n="$n" 'BEGIN {printf "%.2f", a / n}')"
        eval "ir_$mode=$ir"
    done
    if [ "$ir_chainrule" = "$ir_cmath" ]; then
        echo "$cxx: identical instruction counts"
    else
        echo "$cxx: instruction counts differ by $((ir_chainrule - ir_cmath))"
    fi
done
