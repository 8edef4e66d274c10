#!/usr/bin/env bash
# lint_env_vars: every environment variable the tree reads from its caller
# (shell, C++, Python, CMake: env_vars.py says what counts as a read) is
# listed in HACKING.md's "Environment variables", every row of its table
# carries the prefix SYSCALL_PROBE_, and every row is read somewhere.
#   env_vars_test.sh [ROOT]   (default: this checkout)
set -euo pipefail
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

usage() { echo "usage: env_vars_test.sh [ROOT]   (from CTest: ctest -L lint)" >&2; }
[ $# -le 1 ] || { usage; exit 2; }
root=${1:-$SP_ROOT}
[ -f "$root/HACKING.md" ] || { usage; exit 2; }
py=$(command -v python3) || skip_test "no python3"

cd "$root"
mapfile -t files < <(tree_files)
[ ${#files[@]} -gt 100 ] || fail "only ${#files[@]} files found under $root"
timeout 120 "$py" "$SP_ROOT/tests/lint/env_vars.py" "$root" "${files[@]}" \
  || fail "the variables above are read but not listed (or listed but not read): HACKING.md, 'Environment variables'"
