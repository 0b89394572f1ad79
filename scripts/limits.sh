#!/usr/bin/env bash
# The limits of docs/limits.md: per compiler, the largest size of each of
# three programs that compiles within a memory cap and a CPU-time cap, and
# what the user sees beyond it.
#
#   scripts/limits.sh [OUT=limits.tsv]
#   COMPILERS="g++ clang++" MEM_GIB=4 CPU_S=60 STEPS=2 scripts/limits.sh
#   DIMS="depth nodes variables"  (a subset)
#
# The three programs (each a translation unit of #include <chainrule.hpp>
# and one function that uses the library the usual way, compiled with
# -std=c++20 -O2 -c, no other flags):
#
#   depth      f_N = tanh(tanh(... tanh(x))), N deep: eval<D<f_N>>(x), the
#              derivative of a composition N functions deep
#   nodes      a sum of N terms k sin(k x) (k = 2 ... N + 1), 6N + 1 nodes
#              (node_count_v<E>; not asserted here, as its fold would be the
#              first thing Clang refuses above 256 terms): eval<E>(x) and
#              eval<D<E>>(x)
#   variables  sin(w_0) + ... + sin(w_{N-1}), N variables: its full gradient,
#              eval<Gradient<E, Vars<"w", N>>>(at<Vars<"w", N>>(values))
#
# A size "compiles" when the compiler exits 0 within CPU_S seconds of CPU
# time and MEM_GIB GiB of address space (ulimit -t, ulimit -v). The search
# doubles the size from a start until a compile fails, then bisects STEPS
# times between the last size that compiled and the first that did not; the
# table gives both, and the first line of what the compiler said for the
# failure (or "CPU time" / "memory" when a cap stopped it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-limits.tsv}"
compilers="${COMPILERS:-g++ clang++}"
dims="${DIMS:-depth nodes variables}"
mem_gib="${MEM_GIB:-4}"
cpu_s="${CPU_S:-60}"
steps="${STEPS:-2}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

start_of() {  # the first size tried
    case "$1" in depth) echo "${DEPTH_START:-32}" ;; nodes) echo "${NODES_START:-256}" ;; variables) echo "${VARIABLES_START:-256}" ;; esac
}

source_of() {  # dim n -> a translation unit on stdout
    local dim="$1" n="$2"
    echo '#include <chainrule.hpp>'
    echo '#include <array>'
    echo '#include <cmath>'
    echo '#include <utility>'
    echo 'using namespace chainrule;'
    case "$dim" in
    depth)
        cat << EOF
template <int N>
struct nest {
    using type = Tanh<typename nest<N - 1>::type>;
};
template <>
struct nest<0> {
    using type = X;
};
double run(double x) { return eval<D<nest<$n>::type>>(x); }
EOF
        ;;
    nodes)
        cat << EOF
template <std::size_t... K>
auto terms(std::index_sequence<K...>) -> Add<Mul<Int<K + 2>, Sin<Mul<Int<K + 2>, X>>>...>;
using E = decltype(terms(std::make_index_sequence<$n>{}));
double run(double x) { return eval<E>(x) + eval<D<E>>(x); }
EOF
        ;;
    variables)
        cat << EOF
template <std::size_t... K>
auto terms(std::index_sequence<K...>) -> Add<Sin<Var<"w", K>>...>;
using E = decltype(terms(std::make_index_sequence<$n>{}));
double run(const std::array<double, $n>& w) {
    const auto g = eval<Gradient<E, Vars<"w", $n>>>(at<Vars<"w", $n>>(w));
    double s = 0;
    for (double v : g) s += v;
    return s;
}
EOF
        ;;
    esac
}

probe() {  # cxx dim n -> "ok <cpu s> <peak MiB>" or "fail <reason>"
    local cxx="$1" dim="$2" n="$3" rc=0
    source_of "$dim" "$n" > "$tmp/t.cpp"
    (
        ulimit -v $((mem_gib * 1024 * 1024))
        ulimit -t "$cpu_s"
        exec /usr/bin/time -f "%U %S %M %x" -o "$tmp/time" \
            "$cxx" -std=c++20 -O2 -c -I"$root/include" "$tmp/t.cpp" -o "$tmp/t.o"
    ) > "$tmp/err" 2>&1 || rc=$?
    local user sys peak
    read -r user sys peak _ < <(tail -n 1 "$tmp/time" 2> /dev/null || echo "0 0 0 0")
    local cpu
    cpu="$(awk -v a="$user" -v b="$sys" 'BEGIN {printf "%.1f", a + b}')"
    if [ "$rc" = 0 ]; then
        echo "ok $cpu $((peak / 1024))"
    elif grep -q "signal 9\|signal 24\|CPU time" "$tmp/time" "$tmp/err" 2> /dev/null ||
        awk -v c="$cpu" -v l="$cpu_s" 'BEGIN {exit !(c >= l - 1)}'; then
        echo "fail CPU time (over ${cpu_s} s; stopped at ${cpu} s)"
    elif grep -qi "out of memory\|std::bad_alloc\|virtual memory exhausted\|cannot allocate" "$tmp/err"; then
        echo "fail memory (over ${mem_gib} GiB: $(grep -i -m1 "memory\|alloc" "$tmp/err" | cut -c1-120))"
    else
        local first
        first="$(grep -m1 "error" "$tmp/err" | sed 's/^[^ ]*: //' | cut -c1-160)"
        echo "fail error ($(wc -c < "$tmp/err") bytes): ${first:-exit $rc}"
    fi
}

printf 'compiler\tprogram\tlargest_ok\tcpu_s\tpeak_mib\tsmallest_failing\tbeyond\n' > "$out"
for cxx in $compilers; do
    for dim in $dims; do
        n="$(start_of "$dim")"
        ok_n=0 ok_res="" bad_n=0 bad_res=""
        while :; do  # doubling
            res="$(probe "$cxx" "$dim" "$n")"
            echo "$cxx $dim $n: $res" >&2
            if [ "${res%% *}" = ok ]; then
                ok_n="$n" ok_res="$res"
                n=$((n * 2))
            else
                bad_n="$n" bad_res="$res"
                break
            fi
            [ "$n" -le 65536 ] || break
        done
        if [ "$ok_n" = 0 ] && [ "$bad_n" != 0 ]; then  # the start failed: halve instead
            n=$((bad_n / 2))
            while [ "$n" -ge 1 ]; do
                res="$(probe "$cxx" "$dim" "$n")"
                echo "$cxx $dim $n: $res" >&2
                if [ "${res%% *}" = ok ]; then ok_n="$n" ok_res="$res"; break; fi
                bad_n="$n" bad_res="$res"
                n=$((n / 2))
            done
        fi
        for ((s = 0; s < steps; ++s)); do  # bisection
            [ "$bad_n" != 0 ] && [ $((bad_n - ok_n)) -gt 1 ] || break
            n=$(((ok_n + bad_n) / 2))
            res="$(probe "$cxx" "$dim" "$n")"
            echo "$cxx $dim $n: $res" >&2
            if [ "${res%% *}" = ok ]; then ok_n="$n" ok_res="$res"; else bad_n="$n" bad_res="$res"; fi
        done
        read -r _ cpu peak <<< "${ok_res:-x - -}"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$cxx" "$dim" "$ok_n" "$cpu" "$peak" \
            "$([ "$bad_n" = 0 ] && echo "-" || echo "$bad_n")" "${bad_res#fail }" >> "$out"
    done
done

# The table of docs/limits.md.
awk -F'\t' 'NR == 1 {
        print "| compiler | program | compiles (CPU s, peak MiB) | fails | what the user sees beyond |"
        print "|---|---|---:|---:|---|"
        next
    }
    { printf "| %s | %s | %s (%s s, %s MiB) | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7 }' "$out"
