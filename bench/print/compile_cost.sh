#!/usr/bin/env bash
# The compile time printing adds: bench/print/sigmoid10.cpp compiled (-O2)
# without printing, with to_text, and with all four notations, on both
# compilers; each the median of RUNS (default 7) CPU times (user + system,
# from /usr/bin/time: apt-get install -y time), which a busy shared machine
# disturbs less than wall-clock time.
# usage: bench/print/compile_cost.sh [runs]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
runs="${1:-7}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
printf '%-8s %12s %12s %12s %14s %14s\n' compiler none_s text_s all4_s text_adds_s all4_adds_s
for cxx in g++ clang++; do
    declare -A t=()
    for print in 0 1 4; do
        for ((i = 0; i < runs; ++i)); do
            /usr/bin/time -f "%U %S" -o "$tmp/t" \
                "$cxx" -std=c++20 -O2 -I"$root/include" -DPRINT=$print "$here/sigmoid10.cpp" -o "$tmp/a.out"
            awk '{ print $1 + $2 }' "$tmp/t"
        done | median >"$tmp/m"
        t[$print]=$(cat "$tmp/m")
    done
    printf '%-8s %12.2f %12.2f %12.2f %14.2f %14.2f\n' "$cxx" "${t[0]}" "${t[1]}" "${t[4]}" \
        "$(echo "${t[1]} - ${t[0]}" | bc -l)" "$(echo "${t[4]} - ${t[0]}" | bc -l)"
done
