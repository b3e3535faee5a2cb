#!/usr/bin/env bash
# Builds and runs the native crypto benchmark (not part of the test command).
#   1. builds tests/NanoProv.Benchmarks/native/build (Release)
#   2. counts instructions per operation under valgrind --tool=callgrind (deterministic)
#   3. times every operation natively and prints the table with both
# Needs: cmake, a C compiler, libmbedtls-dev, libsodium-dev, libssl-dev, valgrind.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD="$HERE/build"
for cmd in cmake cc valgrind; do
  command -v "$cmd" >/dev/null || { echo "run-bench: '$cmd' is missing (Debian packages: cmake gcc valgrind)" >&2; exit 1; }
done

mkdir -p "$BUILD"
cmake -S "$HERE" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >"$BUILD/configure.log" 2>&1 \
  || { cat "$BUILD/configure.log" >&2; exit 1; }
cmake --build "$BUILD" -j 2 --target np_bench >"$BUILD/build.log" 2>&1 \
  || { tail -n 40 "$BUILD/build.log" >&2; exit 1; }

CG="$BUILD/callgrind"
rm -rf "$CG"; mkdir -p "$CG"
valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file="$CG/cg.out" "$BUILD/np_bench" >"$CG/run.log" 2>&1 \
  || { tail -n 30 "$CG/run.log" >&2; exit 1; }

# Each client-request dump holds one operation: "desc: Trigger: Client Request: <op>:<impl>" and "totals: <Ir>".
IR="$BUILD/instructions.txt"
: > "$IR"
for f in "$CG"/cg.out.*; do
  label="$(sed -n 's/^desc: Trigger: Client Request: //p' "$f")"
  total="$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$f")"
  [ -z "$total" ] && total="$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$f")"
  [ -n "$label" ] && [ -n "$total" ] && echo "$label $total" >> "$IR"
done
[ -s "$IR" ] || { echo "run-bench: no callgrind dumps found in $CG" >&2; exit 1; }

NP_BENCH_IR_FILE="$IR" "$BUILD/np_bench"
