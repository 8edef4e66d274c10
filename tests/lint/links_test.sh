#!/usr/bin/env bash
# lint_links: every relative link of README.md and docs/*.md (and the other
# Markdown files of the tree) points at a file that exists, and every #anchor
# at a heading of that file, as GitHub renders it (check_links.py). No
# network: links to other sites are not followed.
#   links_test.sh [ROOT]   (default: this checkout)
set -euo pipefail
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

usage() { echo "usage: links_test.sh [ROOT]   (from CTest: ctest -L lint)" >&2; }
[ $# -le 1 ] || { usage; exit 2; }
root=${1:-$SP_ROOT}
[ -f "$root/README.md" ] || { usage; exit 2; }
py=$(command -v python3) || skip_test "no python3"

cd "$root"
mapfile -t docs < <(find . \( -name .git -o -name build -o -name out -o -name node_modules \) -prune \
  -o -name '*.md' -type f -print | sed 's|^\./||' | sort)
printf '%s\n' "${docs[@]}" | grep -qx README.md || fail "README.md not among the Markdown files"
[ ${#docs[@]} -gt 10 ] || fail "only ${#docs[@]} Markdown files found under $root"
timeout 60 "$py" "$SP_ROOT/tests/lint/check_links.py" "$root" "${docs[@]}" \
  || fail "the links above do not resolve"
