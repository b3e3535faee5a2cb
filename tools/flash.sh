#!/usr/bin/env bash
# Flash the NanoProv firmware image and deploy the application with nanoff, as described by nanoff-config.json
# (repository root). The profile is read, checked and turned into nanoff command lines by tools/NanoFlash, a small
# .NET console tool (nanoff itself is a .NET tool, so no jq or python is needed).
#
#   tools/flash.sh --dry-run                    print the exact nanoff commands
#   tools/flash.sh --port /dev/ttyUSB0          firmware + deploy (every configured step)
#   tools/flash.sh deploy --port COM3           one step: firmware | deploy | files | network
#   tools/flash.sh --config other.json --dry-run --no-file-check
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "error: the .NET SDK (dotnet) is required to run tools/NanoFlash (nanoff needs .NET as well)" >&2
  exit 127
fi

project="$here/NanoFlash/NanoFlash.csproj"
tool="$here/NanoFlash/bin/Release/net10.0/NanoFlash.dll"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! dotnet build "$project" -c Release -nologo -v q >"$log" 2>&1; then
  cat "$log" >&2
  echo "error: building tools/NanoFlash failed" >&2
  exit 1
fi

export NANOPROV_FLASH_CONFIG="${NANOPROV_FLASH_CONFIG:-$root/nanoff-config.json}"
dotnet "$tool" "$@"
