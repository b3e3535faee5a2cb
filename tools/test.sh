#!/usr/bin/env bash
# NanoProv: the one test command. Installs what is missing (Debian packages as root), restores,
# builds everything and runs every suite: native GoogleTest suites (plain, ASan+UBSan, valgrind,
# bounded libFuzzer), every xunit project under tests/ (wire cross-checks, crypto agreement,
# protocomm, end-to-end over loopback, BLE simulator, the NanoRef compile check of firmware/).
# Ends with one line: "N passed, N failed". Exit code 0 only when nothing failed.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ARTIFACTS="$ROOT/artifacts"
export NANOPROV_ARTIFACTS="$ARTIFACTS"
mkdir -p "$ARTIFACTS"
rm -f "$ARTIFACTS"/*.counts "$ARTIFACTS"/trx/*.trx 2>/dev/null

DEBIAN_PACKAGES=(cmake g++ make pkg-config libmbedtls-dev libgtest-dev valgrind clang-14 libclang-rt-14-dev libsodium-dev libssl-dev)

log() { printf '\n==> %s\n' "$*"; }
die() { printf '\nERROR: %s\n' "$*" >&2; echo "0 passed, 1 failed"; exit 1; }

install_debian_packages() {
  local missing=()
  for p in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq || die "apt-get update failed"
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || die "apt-get install ${missing[*]} failed"
  else
    die "missing Debian packages: ${missing[*]}. Run: sudo apt-get install -y ${missing[*]}"
  fi
}

command -v dotnet >/dev/null || die "the .NET 10 SDK (dotnet) is not on PATH; install it from your distribution or Microsoft's packages"
install_debian_packages

FAILED_STAGES=()

# 1. Native crypto (CMake + GoogleTest, sanitizers, valgrind, fuzzing). The script writes
#    "$ARTIFACTS/native.counts" as "<passed> <failed>" and exits non-zero on any failure.
if [ -x "$ROOT/native-interop/tests/run.sh" ]; then
  log "native crypto suites"
  "$ROOT/native-interop/tests/run.sh" || FAILED_STAGES+=("native")
fi

# 2. .NET: restore and build the whole solution, then every xunit project under tests/.
#    Every host project must be in NanoProv.sln (tests run with --no-build after the solution build).
log "dotnet restore + build"
missing_from_sln=()
while IFS= read -r proj; do
  rel="${proj#"$ROOT"/}"
  grep -qF "${rel//\//\\}" "$ROOT/NanoProv.sln" || missing_from_sln+=("$rel")
done < <(find "$ROOT/tools" "$ROOT/tests" -name '*.csproj' -not -path '*/bin/*' -not -path '*/obj/*' | sort)
if [ ${#missing_from_sln[@]} -gt 0 ]; then
  echo "these projects are not in NanoProv.sln (add them with: dotnet sln NanoProv.sln add --in-root <path>):"
  printf '  %s\n' "${missing_from_sln[@]}"
  FAILED_STAGES+=("solution completeness")
fi
dotnet build "$ROOT/NanoProv.sln" -c Release -nologo -v q 2>&1 | tail -n 30
[ "${PIPESTATUS[0]}" -eq 0 ] || { FAILED_STAGES+=("dotnet build"); echo "0 1" > "$ARTIFACTS/build.counts"; }

mkdir -p "$ARTIFACTS/trx"
if [ ! -f "$ARTIFACTS/build.counts" ]; then
  for proj in "$ROOT"/tests/*/*.Tests.csproj; do
    [ -f "$proj" ] || continue
    name="$(basename "$proj" .csproj)"
    log "xunit: $name"
    dotnet test "$proj" -c Release --no-build -nologo -v q \
      --logger "trx;LogFileName=$ARTIFACTS/trx/$name.trx" --logger "console;verbosity=minimal" 2>&1 | tail -n 40
    [ "${PIPESTATUS[0]}" -eq 0 ] || FAILED_STAGES+=("$name")
  done
fi

# 3. Summary.
passed=0; failed=0
for f in "$ARTIFACTS"/*.counts; do
  [ -f "$f" ] || continue
  read -r p fl < "$f"; passed=$((passed + p)); failed=$((failed + fl))
done
for trx in "$ARTIFACTS"/trx/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  fl="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0})); failed=$((failed + ${fl:-0}))
done
if [ ${#FAILED_STAGES[@]} -gt 0 ]; then
  echo "failed stages: ${FAILED_STAGES[*]}"
  [ "$failed" -eq 0 ] && failed=${#FAILED_STAGES[@]}
fi
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ ${#FAILED_STAGES[@]} -eq 0 ]
