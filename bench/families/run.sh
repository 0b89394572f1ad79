#!/usr/bin/env bash
# Issue 9's figures: compile time (CPU, user + system) and peak memory of the
# networks written with families -- examples/xor_mlp.cpp (2-8-1, 33
# parameters) and bench/families/mlp_2_32_1.cpp (2-32-1, 129 parameters) --
# above the cost of #include <chainrule.hpp> alone, with g++ and clang++ at
# -O2, and the line counts of the two training examples.
#
#   bench/families/run.sh          (apt-get install -y time)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
printf '#include <chainrule.hpp>\nint main() {}\n' > "$tmp/floor.cpp"
measure() {  # cxx src -> "seconds MiB"
    /usr/bin/time -f "%U %S %M" -o "$tmp/t" "$1" -std=c++20 -O2 -Wall -Wextra -Wpedantic -Werror -I"$root/include" "$2" -o "$tmp/a.out"
    awk '{printf "%.2f %.0f", $1 + $2, $3 / 1024}' "$tmp/t"
}
echo "| program | compiler | compile above include | peak memory above include |"
echo "|---|---|---:|---:|"
for cxx in g++ clang++; do
    read -r fs fm <<< "$(measure "$cxx" "$tmp/floor.cpp")"
    for src in "$root/examples/xor_mlp.cpp" "$here/mlp_2_32_1.cpp"; do
        read -r s m <<< "$(measure "$cxx" "$src")"
        "$tmp/a.out" > /dev/null
        awk -v n="$(basename "$src" .cpp)" -v c="$cxx" -v s="$s" -v m="$m" -v fs="$fs" -v fm="$fm" \
            'BEGIN { printf "| %s | %s | %.2f s | %.0f MiB |\n", n, c, s - fs, m - fm }'
    done
done
echo
for f in examples/logistic_regression.cpp examples/xor_mlp.cpp; do
    echo "$f: $(grep -cv '^\s*\(//.*\)\?$' "$root/$f") lines of code (not blank, not comments), $(wc -l < "$root/$f") in all"
done
