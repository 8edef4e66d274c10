#!/usr/bin/env bash
# lint_file_size: no source file of probe/src longer than 450 lines, so that a
# file holds one topic (STYLE.md, "Files by topic"); clang-tidy's
# readability-function-size keeps each function under 100 (.clang-tidy).
#   file_size_test.sh [ROOT] [MAX_LINES]   (defaults: this checkout, 450)
set -euo pipefail
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

usage() { echo "usage: file_size_test.sh [ROOT] [MAX_LINES]   (from CTest: ctest -L lint)" >&2; }
[ $# -le 2 ] || { usage; exit 2; }
root=${1:-$SP_ROOT}
max=${2:-450}
[ -d "$root/probe/src" ] || { usage; exit 2; }
[[ $max =~ ^[0-9]+$ ]] || { usage; exit 2; }

long=0
while IFS= read -r -d '' file; do
  lines=$(wc -l <"$file")
  if [ "$lines" -gt "$max" ]; then
    echo "FAIL: ${file#"$root"/} has $lines lines (at most $max)" >&2
    long=$((long + 1))
  fi
done < <(find "$root/probe/src" -type f \( -name '*.cc' -o -name '*.h' \) -print0)
[ "$long" -eq 0 ] || exit 1
echo "file size: every file of probe/src has at most $max lines"
