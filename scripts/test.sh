#!/usr/bin/env bash
# Builds every test, example and header check, and runs them, with GCC and
# with Clang. Build directories: build/g++ and build/clang++.
set -euo pipefail
cd "$(dirname "$0")/.."
for cxx in g++ clang++; do
    echo "=== $cxx"
    cmake -S . -B "build/$cxx" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Release
    cmake --build "build/$cxx" -j "$(nproc)"
    ctest --test-dir "build/$cxx" -j "$(nproc)" --output-on-failure
done
