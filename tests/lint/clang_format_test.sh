#!/usr/bin/env bash
# lint_clang_format: every C++ file under probe/ and supervisor/ is as the repo's .clang-format
# lays it out (check mode: nothing is rewritten). Fix with
#   clang-format -i FILE...
set -euo pipefail
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
root=$SP_ROOT

usage() { echo "usage: clang_format_test.sh   (from CTest: ctest -L lint)" >&2; }
[ $# -eq 0 ] || { usage; exit 2; }
command -v clang-format >/dev/null || skip_test "no clang-format (apt-get install clang-format)"

cd "$root"
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- 'probe/*.cc' 'probe/*.h' 'supervisor/*.cc' 'supervisor/*.h' 2>/dev/null || find probe supervisor -name '*.cc' -o -name '*.h')
[ ${#files[@]} -gt 30 ] || { echo "FAIL: only ${#files[@]} C++ files found under probe/" >&2; exit 1; }
if ! timeout 300 clang-format --dry-run --Werror "${files[@]}"; then
  echo "FAIL: clang-format would change the files above; run: clang-format -i FILE..." >&2
  exit 1
fi
echo "clang-format: ${#files[@]} files clean"
