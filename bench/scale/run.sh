#!/usr/bin/env bash
# The scale benchmark of issue 8: compile time and peak memory above the cost
# of #include <chainrule.hpp>, and instructions per call against hand-written
# code (callgrind, same binary), for the four families of families.hpp at
# doubling sizes, with g++ and clang++ at -O2 and no extra flags.
#
#   bench/scale/run.sh [OUT_DIR=bench/scale/results] [TIMEOUT_S=300]
#   FAMILIES="net:8 chain:16" bench/scale/run.sh ...     (a subset)
#   FAMILIES="net_view:16 flat_view:256" bench/scale/run.sh ...
#                 (the net and the flat sum with their parameters bound by
#                 reference, at<Vars<...>>(std::cref(values)): families.hpp)
#   REPORT_ONLY=1 bench/scale/run.sh OUT_DIR              (the table and plot
#                 again from OUT_DIR/scale.tsv, e.g. after merging the rows
#                 of two runs into it; nothing is compiled)
#
# Writes OUT_DIR/scale.tsv (one row per family, size and compiler), the
# markdown table OUT_DIR/scale.md and the log-log plot OUT_DIR/scale.svg
# (gnuplot; apt-get install -y gnuplot-nox time valgrind).
# Compile time is CPU time (user + system) of one compile, the median of 3
# below 3 s and of 1 above; memory is the peak resident set size.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${1:-$here/results}"
limit="${2:-300}"
mkdir -p "$out"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

default="logistic:8 logistic:16 logistic:32 logistic:64 net:8 net:12 net:16 net:32 chain:16 chain:32 chain:64 chain:128 flat:64 flat:256 flat:1024"
families="${FAMILIES:-$default}"
flags=(-std=c++20 -O2 -Wall -Wextra -Wpedantic -Werror -I"$root/include")

compile() {  # cxx src out defines... -> "cpu_seconds peak_kib" or "timeout"
    local cxx="$1" src="$2" bin="$3"
    shift 3
    if ! timeout "$limit" /usr/bin/time -f "%U %S %M" -o "$tmp/time" "$cxx" "${flags[@]}" "$@" "$src" -o "$bin" \
        2> "$tmp/err"; then
        if grep -q "Command terminated by signal\|Command exited with non-zero status 124" "$tmp/time" 2> /dev/null ||
            [ ! -s "$tmp/time" ]; then
            echo "timeout"
        else
            echo "error"
            head -c 2000 "$tmp/err" >&2
        fi
        return
    fi
    awk '{printf "%.2f %d\n", $1 + $2, $3}' "$tmp/time"
}

median_compile() {  # cxx src bin defines... : 3 runs if fast, else 1
    local first
    first="$(compile "$@")"
    case "$first" in timeout | error) echo "$first"; return ;; esac
    local t="${first% *}"
    if awk -v t="$t" 'BEGIN {exit !(t < 3)}'; then
        { echo "$first"; compile "$@"; compile "$@"; } | sort -g | sed -n 2p
    else
        echo "$first"
    fi
}

instructions() {  # bin which -> instructions per call (callgrind, 20 calls minus 1 call, / 19)
    local bin="$1" which="$2" one many
    one="$(valgrind --tool=callgrind --callgrind-out-file="$tmp/cg1" --toggle-collect="$which" "$bin" 1 "$which" 2>&1 |
        awk '/Collected/ {print $4}')"
    many="$(valgrind --tool=callgrind --callgrind-out-file="$tmp/cg20" --toggle-collect="$which" "$bin" 20 "$which" 2>&1 |
        awk '/Collected/ {print $4}')"
    echo $(((many - one) / 19))
}

if [ -z "${REPORT_ONLY:-}" ]; then
    printf 'family\tsize\tcompiler\tfloor_s\tfloor_kib\tcompile_s\tpeak_kib\tabove_s\tabove_mib\tcheck\tlib_f\tlib_d\tlib_g\thand_f\thand_d\n' > "$out/scale.tsv"
    for cxx in g++ clang++; do
        printf '#include <chainrule.hpp>\nint main() {}\n' > "$tmp/floor.cpp"
        read -r floor_s floor_k < <(median_compile "$cxx" "$tmp/floor.cpp" "$tmp/floor")
        echo "== $cxx: #include <chainrule.hpp> costs ${floor_s} s, $((floor_k / 1024)) MiB" >&2
        for member in $families; do
            fam="${member%:*}"
            size="${member#*:}"
            bin="$tmp/$fam$size"
            res="$(median_compile "$cxx" "$here/member.cpp" "$bin" -DFAMILY="$fam" -DSIZE="$size")"
            if [ "$res" = timeout ] || [ "$res" = error ]; then
                printf '%s\t%s\t%s\t%s\t%s\t%s\t-\t-\t-\t-\t-\t-\t-\t-\t-\n' "$fam" "$size" "$cxx" "$floor_s" "$floor_k" "$res" >> "$out/scale.tsv"
                echo "$fam $size $cxx: $res" >&2
                continue
            fi
            read -r s k <<< "$res"
            above_s="$(awk -v a="$s" -v b="$floor_s" 'BEGIN {printf "%.2f", a - b}')"
            above_m="$(awk -v a="$k" -v b="$floor_k" 'BEGIN {printf "%.0f", (a - b) / 1024}')"
            check="$("$bin" > "$tmp/check" && echo ok || echo WRONG)"
            counts=()
            for which in lib_f lib_d lib_g hand_f hand_d; do counts+=("$(instructions "$bin" "$which")"); done
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$fam" "$size" "$cxx" "$floor_s" "$floor_k" \
                "$s" "$k" "$above_s" "$above_m" "$check" "${counts[@]}" >> "$out/scale.tsv"
            echo "$fam $size $cxx: ${s} s ($above_s above), $((k / 1024)) MiB, $check, instructions ${counts[*]}" >&2
        done
    done
fi

# The table: compile figures and the run-time ratios.
awk -F'\t' 'NR == 1 {next}
    {
        key = $1 " " $2
        if (!(key in seen)) { order[++n] = key; seen[key] = 1 }
        if ($6 == "timeout" || $6 == "error") { cell[key, $3] = $6; rt[key, $3] = "-"; next }
        cell[key, $3] = sprintf("%.2f s / %d MiB", $8, $9)
        if ($11 > 0 && $14 > 0 && $15 > 0)
            rt[key, $3] = sprintf("%.2f / %.2f / %.2f", $12 / $15, $13 / $15, $13 / $11)
        chk[key] = chk[key] $10 " "
    }
    END {
        print "| family | size | g++ above include | clang++ above include | g++ D÷hand / ∇÷hand / ∇÷f | clang++ D÷hand / ∇÷hand / ∇÷f |"
        print "|---|---:|---:|---:|---:|---:|"
        for (i = 1; i <= n; ++i) {
            split(order[i], p, " ")
            printf "| %s | %s | %s | %s | %s | %s |\n", p[1], p[2], cell[order[i], "g++"], cell[order[i], "clang++"], rt[order[i], "g++"], rt[order[i], "clang++"]
        }
    }' "$out/scale.tsv" > "$out/scale.md"
cat "$out/scale.md"

# The plot: compile time above the include against the number of parameters
# (or depth), log-log, with a line of slope 1 for reference.
if command -v gnuplot > /dev/null; then
    awk -F'\t' 'NR > 1 && $8 != "-" && $6 != "timeout" && $6 != "error" {
        n = $2; if ($1 == "net") n = $2 * $2 + 2 * $2 + 1
        print $1 "-" $3, n, ($8 > 0.01 ? $8 : 0.01) }' "$out/scale.tsv" | sort -k1,1 -k2,2n > "$tmp/points"
    plots=""
    for series in $(cut -d' ' -f1 "$tmp/points" | sort -u); do
        grep "^$series " "$tmp/points" | cut -d' ' -f2- > "$tmp/$series.dat"
        plots="$plots '$tmp/$series.dat' using 1:2 with linespoints title '$series',"
    done
    gnuplot <<GP
set terminal svg size 800,560 dynamic font 'sans,11'
set output '$out/scale.svg'
set logscale xy
set xlabel 'size (parameters; depth for logistic and chain; terms for flat)'
set ylabel 'compile CPU seconds above #include <chainrule.hpp>'
set key left top
set grid
plot $plots 0.01 * x title 'linear (slope 1)' with lines dashtype 2 lc rgb 'black'
GP
    echo "wrote $out/scale.svg" >&2
fi
