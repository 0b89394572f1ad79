#!/usr/bin/env bash
# Compile time of the scale members at two revisions of the headers, measured
# the way a change is judged on a machine whose speed drifts: the two
# revisions' compiles alternate, each member and compiler is compiled REPS
# times per revision, and the minimum CPU time (user + system) and the peak
# memory of that run are reported. Single compiles on the project's machine
# vary by up to 25%; alternating runs see the same drift.
#
#   bench/scale/compare.sh REV_A REV_B ["net:16 flat:256 ..."] [REPS=2]
#
# REV_A and REV_B are git revisions (3ced343, HEAD, a branch); "WORKTREE"
# stands for the uncommitted headers. Each member is bench/scale/member.cpp
# with -DFAMILY and -DSIZE, compiled with -std=c++20 -O2 -Wall -Wextra
# -Wpedantic -Werror as bench/scale/run.sh compiles it (whole TU, the
# include's own cost included).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [ $# -lt 2 ]; then
    echo "usage: $0 REV_A REV_B [\"family:size ...\"] [REPS]" >&2
    exit 2
fi
members="${3:-net:8 net:16 chain:32 flat:64 logistic:8}"
reps="${4:-2}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

headers() {  # rev dir: the include/ of rev (or of the work tree) in dir
    mkdir -p "$2"
    if [ "$1" = WORKTREE ]; then cp -r "$root/include" "$2/"
    else git -C "$root" archive "$1" include | tar -x -C "$2"; fi
}
headers "$1" "$tmp/a"
headers "$2" "$tmp/b"

declare -A best peak
for _ in $(seq "$reps"); do
    for m in $members; do
        for cxx in g++ clang++; do
            for side in a b; do
                /usr/bin/time -o "$tmp/time" -f "%U %S %M" "$cxx" -std=c++20 -O2 -Wall -Wextra -Wpedantic -Werror \
                    -I"$tmp/$side/include" -I"$here" -DFAMILY="${m%:*}" -DSIZE="${m#*:}" -c "$here/member.cpp" \
                    -o /dev/null
                t="$(awk '{printf "%.2f", $1 + $2}' "$tmp/time")"
                k="$m $cxx $side"
                if [ -z "${best[$k]:-}" ] || awk -v t="$t" -v b="${best[$k]}" 'BEGIN { exit !(t < b) }'; then
                    best[$k]="$t"
                    peak[$k]="$(awk '{printf "%d", $3 / 1024}' "$tmp/time")"
                fi
            done
        done
    done
done

printf '| member | compiler | %s | %s |\n|---|---|---:|---:|\n' "$1" "$2"
for m in $members; do
    for cxx in g++ clang++; do
        printf '| %s | %s | %s s / %s MiB | %s s / %s MiB |\n' "$m" "$cxx" \
            "${best[$m $cxx a]}" "${peak[$m $cxx a]}" "${best[$m $cxx b]}" "${peak[$m $cxx b]}"
    done
done
