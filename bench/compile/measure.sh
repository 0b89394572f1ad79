#!/usr/bin/env bash
# Compile time and peak memory of small translation units, both compilers,
# measured in one run with /usr/bin/time -v (apt-get install -y time).
# usage: bench/compile/measure.sh [file.cpp ...]   (default: every .cpp here)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$here"/*.cpp)
printf '%-28s %-8s %10s %12s %s\n' file compiler seconds peak_MiB result
for f in "${files[@]}"; do
    for cxx in g++ clang++; do
        out=$(mktemp)
        if grep -q "int main" "$f"; then
            /usr/bin/time -v "$cxx" -std=c++20 -O2 -I"$root/include" "$f" -o "$out.bin" 2>"$out.time"
        else  # a file of static_asserts: compiling it is the whole test
            /usr/bin/time -v "$cxx" -std=c++20 -O2 -I"$root/include" -c "$f" -o "$out.o" 2>"$out.time"
            printf '#!/bin/sh\necho compiled\n' >"$out.bin" && chmod +x "$out.bin"
        fi
        secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$out.time" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
        kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out.time")
        printf '%-28s %-8s %10.2f %12.1f %s\n' "$(basename "$f")" "$cxx" "$secs" "$(echo "$kb/1024" | bc -l)" "$("$out.bin")"
        rm -f "$out" "$out.bin" "$out.o" "$out.time"
    done
done
