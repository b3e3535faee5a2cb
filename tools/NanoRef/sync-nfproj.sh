#!/usr/bin/env bash
# Keeps the explicit <Compile Include="..."/> list of an old-style nanoFramework project (.nfproj) in step with the
# .cs files on disk (nanoframework.md 10.1 / trap 23: every .cs must be listed, Visual Studio style, with backslashes).
#
#   tools/NanoRef/sync-nfproj.sh [--print|--check|--write] <project folder or .nfproj>...
#
#   --print  (default) print the <Compile> lines the project should have
#   --check  compare with the .nfproj; print the lines to add/remove; exit 1 when they differ
#   --write  rewrite the <Compile> lines of the .nfproj in place (single-line items only), sorted
#
# Sources: every *.cs below the project folder, skipping bin/, obj/, packages/, dot-folders and sub-folders that hold
# their own .nfproj. Order: ordinal, case-insensitive (the same order the firmware tests print).
set -euo pipefail

mode=print
projects=()
for arg in "$@"; do
  case "$arg" in
    --print) mode=print ;;
    --check) mode=check ;;
    --write) mode=write ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option: $arg" >&2; exit 2 ;;
    *) projects+=("$arg") ;;
  esac
done
[ ${#projects[@]} -gt 0 ] || { echo "usage: $0 [--print|--check|--write] <project folder or .nfproj>..." >&2; exit 2; }

resolve_nfproj() {
  local p="$1"
  if [ -d "$p" ]; then
    local found=("$p"/*.nfproj)
    [ -e "${found[0]}" ] || { echo "no .nfproj in $p" >&2; return 1; }
    [ ${#found[@]} -eq 1 ] || { echo "more than one .nfproj in $p" >&2; return 1; }
    printf '%s\n' "${found[0]}"
  elif [ -f "$p" ]; then
    printf '%s\n' "$p"
  else
    echo "not found: $p" >&2; return 1
  fi
}

# Prints the Include values (backslash paths) for the sources of the project in folder $1.
expected_includes() {
  local root="$1"
  (
    cd "$root"
    find . \( -type d \( -name bin -o -name obj -o -name packages -o -name '.?*' \) -prune \) -o -type f -name '*.cs' -print |
      while IFS= read -r file; do
        file="${file#./}"
        dir="$(dirname "$file")"
        nested=0
        while [ "$dir" != "." ]; do
          if compgen -G "$dir/*.nfproj" >/dev/null; then nested=1; break; fi
          dir="$(dirname "$dir")"
        done
        [ $nested -eq 0 ] && printf '%s\n' "${file//\//\\}"
      done
  ) | LC_ALL=C sort -f
}

# Prints the Include values of the single-line <Compile .../> items of .nfproj $1.
listed_includes() {
  sed -n 's/.*<Compile[[:space:]]\{1,\}Include="\([^"]*\)".*/\1/p' "$1" | LC_ALL=C sort -f
}

status=0
for p in "${projects[@]}"; do
  nfproj="$(resolve_nfproj "$p")"
  root="$(cd "$(dirname "$nfproj")" && pwd)"
  expected="$(expected_includes "$root")"
  case "$mode" in
    print)
      while IFS= read -r inc; do
        [ -n "$inc" ] && printf '    <Compile Include="%s" />\n' "$inc"
      done <<<"$expected"
      ;;
    check)
      listed="$(listed_includes "$nfproj")"
      missing="$(LC_ALL=C comm -23 <(printf '%s\n' "$expected" | LC_ALL=C sort) <(printf '%s\n' "$listed" | LC_ALL=C sort) | sed '/^$/d')"
      stale="$(LC_ALL=C comm -13 <(printf '%s\n' "$expected" | LC_ALL=C sort) <(printf '%s\n' "$listed" | LC_ALL=C sort) | sed '/^$/d')"
      if [ -n "$missing" ] || [ -n "$stale" ]; then
        status=1
        echo "$nfproj is out of date:"
        [ -z "$missing" ] || { echo "  add:"; while IFS= read -r inc; do printf '    <Compile Include="%s" />\n' "$inc"; done <<<"$missing"; }
        [ -z "$stale" ] || { echo "  remove (file does not exist):"; while IFS= read -r inc; do printf '    <Compile Include="%s" />\n' "$inc"; done <<<"$stale"; }
      else
        echo "$nfproj: <Compile> list is complete"
      fi
      ;;
    write)
      if grep -q '<Compile[[:space:]][^>]*[^/]>[[:space:]]*$' "$nfproj"; then
        echo "$nfproj has multi-line <Compile> items (with metadata); edit it by hand" >&2; exit 1
      fi
      if ! grep -q '<Compile[[:space:]]' "$nfproj"; then
        echo "$nfproj has no <Compile> item to anchor the list; add one by hand first" >&2; exit 1
      fi
      tmp="$(mktemp)"
      NFPROJ_COMPILE_LIST="$expected" awk '
        /<Compile[[:space:]]/ {
          if (!done) {
            match($0, /^[[:space:]]*/); indent = substr($0, 1, RLENGTH)
            n = split(ENVIRON["NFPROJ_COMPILE_LIST"], items, "\n")
            for (i = 1; i <= n; i++) if (items[i] != "") printf "%s<Compile Include=\"%s\" />%s\n", indent, items[i], (cr ? "\r" : "")
            done = 1
          }
          next
        }
        { if (NR == 1 && $0 ~ /\r$/) cr = 1; print }
      ' "$nfproj" >"$tmp"
      cat "$tmp" >"$nfproj"
      rm -f "$tmp"
      echo "$nfproj: wrote $(printf '%s\n' "$expected" | sed '/^$/d' | wc -l) <Compile> items"
      ;;
  esac
done
exit $status
