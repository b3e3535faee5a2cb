#!/usr/bin/env bash
# NanoProv native crypto: every native check in one script (called by tools/test.sh).
#   1. plain build (gcc) + ctest                       -> native-interop/build      (also the P/Invoke library)
#   2. ASan + UBSan build + ctest                      -> native-interop/build-asan
#   3. valgrind memcheck of every suite (plain build)  zero errors, zero leaks
#   4. bounded libFuzzer runs (clang-14, ASan+UBSan)   -> native-interop/build-fuzz, NP_FUZZ_SECONDS (>= 30) per target
# Writes "$NANOPROV_ARTIFACTS/native.counts" = "<passed> <failed>" (test cases over all modes + fuzz targets)
# and exits non-zero on any failure. Needs the Debian packages
#   cmake g++ libmbedtls-dev libgtest-dev valgrind clang-14 libclang-rt-14-dev libsodium-dev
# and names the missing ones if something is not there.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NATIVE="$(cd "$HERE/.." && pwd)"
ROOT="$(cd "$NATIVE/.." && pwd)"
ARTIFACTS="${NANOPROV_ARTIFACTS:-$ROOT/artifacts}"
mkdir -p "$ARTIFACTS"
COUNTS="$ARTIFACTS/native.counts"
FUZZ_SECONDS="${NP_FUZZ_SECONDS:-30}"
JOBS="$(nproc 2>/dev/null || echo 2)"; [ "$JOBS" -gt 2 ] && JOBS=2
LOGDIR="$NATIVE/build-logs"
mkdir -p "$LOGDIR"

PASSED=0
FAILED=0
FAILED_STAGES=()

log() { printf '\n[native] %s\n' "$*"; }
write_counts() { echo "$PASSED $FAILED" > "$COUNTS"; }
fail_stage() { FAILED_STAGES+=("$1"); log "FAILED: $1"; }

# ---- prerequisites ---------------------------------------------------------------------------
missing=()
have_cmd() { command -v "$1" >/dev/null 2>&1; }
have_header() { printf '#include <%s>\n' "$1" | cc -E -x c - >/dev/null 2>&1; }
have_cmd cmake || missing+=("cmake (Debian package cmake)")
have_cmd g++ || missing+=("g++ (Debian package g++)")
have_cmd cc || missing+=("cc (Debian package gcc)")
have_cmd valgrind || missing+=("valgrind (Debian package valgrind)")
have_cmd clang-14 || missing+=("clang-14 (Debian package clang-14)")
if have_cmd cc; then
  have_header mbedtls/version.h || missing+=("mbedTLS headers (Debian package libmbedtls-dev)")
  have_header sodium.h || missing+=("libsodium headers (Debian package libsodium-dev)")
fi
gtest_found=0
for f in /usr/lib/*/cmake/GTest/GTestConfig.cmake /usr/lib/cmake/GTest/GTestConfig.cmake /usr/src/googletest/CMakeLists.txt; do
  [ -f "$f" ] && gtest_found=1
done
[ "$gtest_found" -eq 1 ] || missing+=("GoogleTest (Debian package libgtest-dev)")
if have_cmd clang-14; then
  rt="$(clang-14 -print-resource-dir 2>/dev/null)/lib/linux"
  ls "$rt"/libclang_rt.fuzzer-*.a >/dev/null 2>&1 || missing+=("libFuzzer runtime (Debian package libclang-rt-14-dev)")
fi
if [ ${#missing[@]} -gt 0 ]; then
  printf '\n[native] ERROR: missing prerequisites:\n' >&2
  printf '  - %s\n' "${missing[@]}" >&2
  printf '[native] install: apt-get install -y cmake g++ libmbedtls-dev libgtest-dev valgrind clang-14 libclang-rt-14-dev libsodium-dev\n' >&2
  FAILED=1
  write_counts
  exit 1
fi
if [ "$FUZZ_SECONDS" -lt 30 ]; then
  log "note: NP_FUZZ_SECONDS=$FUZZ_SECONDS is below the required 30 s per target (local quick run only)"
fi

START=$SECONDS

# ---- helpers ---------------------------------------------------------------------------------
# configure_build <dir> <log-name> [cmake args...]
configure_build() {
  local dir="$1" name="$2"; shift 2
  if ! cmake -S "$NATIVE" -B "$dir" "$@" >"$LOGDIR/$name-configure.log" 2>&1; then
    cat "$LOGDIR/$name-configure.log" >&2
    return 1
  fi
  if ! cmake --build "$dir" -j "$JOBS" >"$LOGDIR/$name-build.log" 2>&1; then
    tail -n 60 "$LOGDIR/$name-build.log" >&2
    return 1
  fi
}

# run_ctest <dir> <name>: adds the case counts to PASSED/FAILED.
run_ctest() {
  local dir="$1" name="$2" out total nfail rc
  (cd "$dir" && ctest --output-on-failure -j "$JOBS" --timeout 600) >"$LOGDIR/$name-ctest.log" 2>&1
  rc=$?
  out="$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$LOGDIR/$name-ctest.log" | tail -n 1)"
  if [ -z "$out" ]; then
    tail -n 40 "$LOGDIR/$name-ctest.log" >&2
    FAILED=$((FAILED + 1))
    return 1
  fi
  nfail="$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$out")"
  total="$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$out")"
  PASSED=$((PASSED + total - nfail))
  FAILED=$((FAILED + nfail))
  echo "  $name: $out"
  if [ "$rc" -ne 0 ] || [ "$nfail" -ne 0 ]; then
    grep -E 'Failed|\*\*\*|ERROR|runtime error|AddressSanitizer' "$LOGDIR/$name-ctest.log" | head -n 40 >&2
    return 1
  fi
}

# ---- 1. plain ----------------------------------------------------------------------------------
log "1/4 plain build + ctest (build/)"
if configure_build "$NATIVE/build" plain -DCMAKE_BUILD_TYPE=RelWithDebInfo; then
  run_ctest "$NATIVE/build" plain || fail_stage "ctest plain"
  # Stable path for P/Invoke (NativeCrypto probes native-interop/build/libnanoprov_crypto.so).
  [ -f "$NATIVE/build/libnanoprov_crypto.so" ] || fail_stage "libnanoprov_crypto.so not produced"
else
  FAILED=$((FAILED + 1)); fail_stage "plain build"
fi

# ---- 2. ASan + UBSan ---------------------------------------------------------------------------
log "2/4 ASan+UBSan build + ctest (build-asan/)"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
if configure_build "$NATIVE/build-asan" asan -DCMAKE_BUILD_TYPE=Debug -DNP_SANITIZERS=address,undefined; then
  run_ctest "$NATIVE/build-asan" asan || fail_stage "ctest asan+ubsan"
else
  FAILED=$((FAILED + 1)); fail_stage "asan build"
fi
unset ASAN_OPTIONS UBSAN_OPTIONS

# ---- 3. valgrind memcheck ----------------------------------------------------------------------
log "3/4 valgrind memcheck (plain build, every suite)"
if [ -d "$NATIVE/build/tests" ]; then
  for exe in "$NATIVE"/build/tests/test_*; do
    [ -x "$exe" ] || continue
    name="$(basename "$exe")"
    xml="$LOGDIR/valgrind-$name.xml"
    rm -f "$xml"
    valgrind --tool=memcheck --error-exitcode=99 --leak-check=full \
      --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible \
      --track-fds=no -q "$exe" --gtest_output="xml:$xml" >"$LOGDIR/valgrind-$name.log" 2>&1
    rc=$?
    tests="$(grep -o '<testsuites [^>]*' "$xml" 2>/dev/null | sed -nE 's/.* tests="([0-9]+)".*/\1/p')"
    fails="$(grep -o '<testsuites [^>]*' "$xml" 2>/dev/null | sed -nE 's/.* failures="([0-9]+)".*/\1/p')"
    tests="${tests:-0}"; fails="${fails:-0}"
    if [ "$rc" -eq 0 ] && [ "$fails" -eq 0 ] && [ "$tests" -gt 0 ]; then
      PASSED=$((PASSED + tests))
      echo "  valgrind $name: $tests cases, 0 errors, 0 leaks"
    else
      n=$tests; [ "$n" -eq 0 ] && n=1
      FAILED=$((FAILED + n))
      grep -E '==[0-9]+==|Failure|FAILED' "$LOGDIR/valgrind-$name.log" | head -n 40 >&2
      fail_stage "valgrind $name (exit $rc)"
    fi
  done
else
  FAILED=$((FAILED + 1)); fail_stage "valgrind (no plain build)"
fi

# ---- 4. libFuzzer ------------------------------------------------------------------------------
log "4/4 libFuzzer, ${FUZZ_SECONDS}s per target (build-fuzz/)"
if CC=clang-14 CXX=clang++-14 configure_build "$NATIVE/build-fuzz" fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
     -DNP_BUILD_TESTS=OFF -DNP_BUILD_FUZZERS=ON -DNP_SANITIZERS=address,undefined; then
  for target in gcm_open srp_server x25519; do
    corpus="$NATIVE/build-fuzz/corpus-$target"
    mkdir -p "$corpus"
    ASAN_OPTIONS="detect_leaks=1" UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
      "$NATIVE/build-fuzz/fuzz/fuzz_$target" -max_total_time="$FUZZ_SECONDS" -timeout=30 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$NATIVE/build-fuzz/$target-" \
      "$corpus" "$NATIVE/fuzz/seeds/$target" >"$LOGDIR/fuzz-$target.log" 2>&1
    rc=$?
    runs="$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$LOGDIR/fuzz-$target.log" | grep -oE '[0-9]+$')"
    if [ "$rc" -eq 0 ]; then
      PASSED=$((PASSED + 1))
      echo "  fuzz $target: ${runs:-?} executions, no findings"
    else
      FAILED=$((FAILED + 1))
      tail -n 40 "$LOGDIR/fuzz-$target.log" >&2
      fail_stage "fuzz $target (exit $rc)"
    fi
  done
else
  FAILED=$((FAILED + 3)); fail_stage "fuzz build"
fi

write_counts
log "done in $((SECONDS - START)) s: $PASSED passed, $FAILED failed (counts in $COUNTS; logs in $LOGDIR)"
if [ ${#FAILED_STAGES[@]} -gt 0 ] || [ "$FAILED" -ne 0 ]; then
  echo "[native] failed stages: ${FAILED_STAGES[*]}" >&2
  exit 1
fi
exit 0
