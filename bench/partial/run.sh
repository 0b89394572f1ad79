#!/usr/bin/env bash
# Taylor-mode mixed partials (TaylorPartial): compile time, peak memory and
# run time of Boost.Math's test function (bench/partial/boost.cpp) at total
# orders 4, 6, 8, 10 and 12, on g++ and clang++ at -O2 with no extra flags.
#
#   bench/partial/run.sh [OUT_DIR=bench/partial/results]
#
# For comparison, the nested symbolic derivative D<D<D<D<F, W, .>, X, .>, Y, .>,
# Z, .> of the same function at orders 4 and 6 (one compile each; SYMBOLIC=""
# to skip, SYMBOLIC="4:1,1,1,1" for fewer). Compile time is CPU time (user + system) of one compile, the median of 3,
# and is given above the cost of `#include <chainrule.hpp>` alone (measured
# the same way); memory is the peak resident set size (/usr/bin/time;
# apt-get install -y time). Run time is one evaluation, the median of 15
# batches of 20 (boost.cpp). Writes OUT_DIR/partial.tsv and the markdown
# table OUT_DIR/partial.md, and prints the table.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$here/results}"
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
flags=(-std=c++20 -O2 -Wall -Wextra -Wpedantic -Werror -I"$root/include")
reference=1976.3196007477977177798818752904187209

compile() {  # cxx src bin defines... -> "cpu_seconds peak_kib"
    local cxx="$1" src="$2" bin="$3"
    shift 3
    /usr/bin/time -f "%U %S %M" -o "$tmp/time" "$cxx" "${flags[@]}" "$@" "$src" -o "$bin"
    awk '{printf "%.2f %d\n", $1 + $2, $3}' "$tmp/time"
}
median3() {  # the run with the median time of three
    { compile "$@"; compile "$@"; compile "$@"; } | sort -g | sed -n 2p
}

# total order: orders of w, x, y, z
orders="4:1,1,1,1 6:2,1,2,1 8:2,2,2,2 10:3,2,3,2 12:3,2,4,3"
symbolic="${SYMBOLIC-4:1,1,1,1 6:2,1,2,1}"
printf 'compiler\tmode\torder\tw,x,y,z\tcompile_s\tpeak_kib\tabove_s\tabove_mib\tfloor_s\tfloor_kib\trun_us\tvalue\n' > "$out/partial.tsv"
for cxx in g++ clang++; do
    printf '#include <chainrule.hpp>\nint main() {}\n' > "$tmp/floor.cpp"
    read -r floor_s floor_k < <(median3 "$cxx" "$tmp/floor.cpp" "$tmp/floor")
    for entry in $(for e in $orders; do echo "taylor:$e"; done) $(for e in $symbolic; do echo "symbolic:$e"; done); do
        mode="${entry%%:*}"
        rest="${entry#*:}"
        n="${rest%%:*}"
        IFS=, read -r ow ox oy oz <<< "${rest#*:}"
        bin="$tmp/boost$mode$n"
        defines=(-DOW="$ow" -DOX="$ox" -DOY="$oy" -DOZ="$oz")
        if [ "$mode" = symbolic ]; then
            read -r s k < <(compile "$cxx" "$here/boost.cpp" "$bin" "${defines[@]}" -DSYMBOLIC)
        else
            read -r s k < <(median3 "$cxx" "$here/boost.cpp" "$bin" "${defines[@]}")
        fi
        read -r value run_us < <("$bin")
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$cxx" "$mode" "$n" "$ow,$ox,$oy,$oz" "$s" "$k" \
            "$(awk -v a="$s" -v b="$floor_s" 'BEGIN {printf "%.2f", a - b}')" \
            "$(awk -v a="$k" -v b="$floor_k" 'BEGIN {printf "%.0f", (a - b) / 1024}')" \
            "$floor_s" "$floor_k" "$run_us" "$value" >> "$out/partial.tsv"
        echo "$cxx $mode order $n: $s s, $((k / 1024)) MiB, $run_us us, value $value" >&2
    done
done

{
    echo "| order (w, x, y, z) | mode | compiler | compile (CPU s) | above the include | peak memory | above the include | one evaluation |"
    echo "|---|---|---|---|---|---|---|---|"
    awk -F'\t' 'NR > 1 {printf "| %s (%s) | %s | %s | %s | %s | %d MiB | %s MiB | %s µs |\n", $3, $4, $2, $1, $5, $7, $6 / 1024, $8, $11}' \
        "$out/partial.tsv"
    echo
    awk -F'\t' -v ref="$reference" 'NR > 1 && $3 == 12 {printf "order 12, %s: %s (Boost.Math: %s, relative error %.1e)\n", $1, $12, ref, ($12 - ref) / ref}' \
        "$out/partial.tsv"
    awk -F'\t' 'NR > 1 && $1 != prev {printf "#include <chainrule.hpp> alone, %s: %s s, %d MiB\n", $1, $9, $10 / 1024} {prev = $1}' \
        "$out/partial.tsv"
} > "$out/partial.md"
cat "$out/partial.md"
