#!/usr/bin/env bash
# Compile-time cost of chainrule::math constant evaluations (issue 4, item 6).
#
# Compiles (-fsyntax-only, which includes all constant evaluation) a TU with N
# constant evaluations over all 26 functions against the same TU with none,
# REPS times each with /usr/bin/time -v, for g++ and clang++, and prints the
# median CPU time (user + system), the per-evaluation difference and the peak memory.
#
#   bench/math/compile_cost.sh [N=2000] [REPS=5] [TYPE=double]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${1:-2000}"
reps="${2:-5}"
type="${3:-double}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 "$here/gen_compile_cost_tu.py" 0 "$tmp/none.cpp" "$type"
python3 "$here/gen_compile_cost_tu.py" "$n" "$tmp/many.cpp" "$type"
flags=(-std=c++20 -Wall -Wextra -Wpedantic -Werror -fsyntax-only -I"$root/include")

measure() {  # compiler file -> "median_seconds max_rss_kb"
    local cxx="$1" file="$2" times=() rss=0
    for ((i = 0; i < reps; ++i)); do
        /usr/bin/time -v "$cxx" "${flags[@]}" "$file" 2> "$tmp/time.txt"
        # CPU time (user + system): less sensitive to other jobs than wall time
        times+=("$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {print u + s}' "$tmp/time.txt")")
        local r
        r="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.txt")"
        ((r > rss)) && rss=$r
    done
    printf '%s\n' "${times[@]}" | sort -g | awk -v rss="$rss" '{a[NR] = $1} END {print a[int((NR + 1) / 2)], rss}'
}

printf '%-8s %-6s %12s %12s %14s %10s\n' compiler type "none [s]" "$n evals [s]" "per eval [ms]" "RSS [MB]"
for cxx in g++ clang++; do
    read -r t0 _ < <(measure "$cxx" "$tmp/none.cpp")
    read -r t1 rss < <(measure "$cxx" "$tmp/many.cpp")
    per="$(awk -v a="$t0" -v b="$t1" -v n="$n" 'BEGIN {printf "%.4f", (b - a) / n * 1000}')"
    printf '%-8s %-6s %12s %12s %14s %10d\n' "$cxx" "$type" "$t0" "$t1" "$per" "$((rss / 1024))"
done
