#!/usr/bin/env bash
# Compile time and peak memory of reverse-mode gradients (issue 5, item 4).
#
# Compiles bench/gradient/net.cpp -- the loss of the two-layer network of
# tests/support/two_layer_net.hpp with k = NN^2 weights, evaluated in double --
# without and with its full gradient, with g++ and clang++, at -O0 (what the
# test build uses) and at -O2, and prints the median CPU time (user + system)
# over REPS runs and the peak resident memory, both from /usr/bin/time -v.
#
#   bench/gradient/compile_cost.sh [NN=8] [REPS=3]
#
# NN = 8 is k = 64 weights (81 parameters). Needs /usr/bin/time
# (apt-get install -y time).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
nn="${1:-8}"
reps="${2:-3}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
flags=(-std=c++20 -Wall -Wextra -Wpedantic -Werror -c -I"$root/include" -I"$root/tests" -DNN="$nn")

measure() {  # compiler opt extra-flag -> "median_seconds max_rss_kb"
    local cxx="$1" opt="$2" extra="$3" times=() rss=0
    for ((i = 0; i < reps; ++i)); do
        /usr/bin/time -v "$cxx" "${flags[@]}" "$opt" $extra "$here/net.cpp" -o "$tmp/net.o" 2> "$tmp/time.txt"
        # CPU time (user + system): less sensitive to other jobs than wall time
        times+=("$(awk -F': ' '/User time/ {u = $2} /System time/ {s = $2} END {print u + s}' "$tmp/time.txt")")
        local r
        r="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time.txt")"
        ((r > rss)) && rss=$r
    done
    printf '%s\n' "${times[@]}" | sort -g | awk -v rss="$rss" '{a[NR] = $1} END {print a[int((NR + 1) / 2)], rss}'
}

echo "two-layer net, k = $((nn * nn)) weights, $((nn * nn + 2 * nn + 1)) parameters; median of $reps"
printf '%-8s %-4s %14s %10s %18s %10s\n' compiler opt "loss [s]" "RSS [MB]" "loss+grad [s]" "RSS [MB]"
for cxx in g++ clang++; do
    for opt in -O0 -O2; do
        read -r t0 r0 < <(measure "$cxx" "$opt" "")
        read -r t1 r1 < <(measure "$cxx" "$opt" -DWITH_GRADIENT)
        printf '%-8s %-4s %14s %10d %18s %10d\n' "$cxx" "$opt" "$t0" "$((r0 / 1024))" "$t1" "$((r1 / 1024))"
    done
done
