#!/usr/bin/env bash
# The oracle's long check: COUNT generated expressions (10,000 by default)
# from SEED (2 by default: the suite checks the first 500 of seed 1), each
# with its first and second derivatives at four points, in constant
# evaluation and at run time, against GiNaC (tests/oracle, docs/testing.md).
#
#   scripts/oracle_long.sh [COUNT] [SEED]       CXX=clang++ for Clang (g++ by default)
#
# The expressions are spread over translation units of 50; the build, in
# build/oracle-long-<compiler>, uses every core (JOBS to choose), about
# 0.2 s of compilation per expression and 700 MB per compiler process. A
# failure names the seed and the expression's index; `oracle_generate --show
# SEED INDEX` in that build directory prints it again.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-10000}
seed=${2:-2}
cxx=${CXX:-g++}
jobs=${JOBS:-$(nproc)}
parts=$(((count + 49) / 50))
dir=build/oracle-long-$cxx
start=$(date +%s)
cmake -S . -B "$dir" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Release \
      -DCHAINRULE_ORACLE_SEED="$seed" -DCHAINRULE_ORACLE_COUNT="$count" -DCHAINRULE_ORACLE_PARTS="$parts" >/dev/null
cmake --build "$dir" --target oracle_test -j "$jobs"
built=$(date +%s)
"$dir/tests/oracle/oracle_test"
echo "oracle_long: $count expressions of seed $seed with $cxx: built in $((built - start)) s, checked in $(($(date +%s) - built)) s"
