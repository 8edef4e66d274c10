#!/usr/bin/env bash
# lint_clang_tidy: clang-tidy with the repo's .clang-tidy on every source file
# of probe/src and supervisor/src (headers through HeaderFilterRegex), compiled as BUILD_DIR's
# compile_commands.json says; any warning fails. Runs on all cores
# (run-clang-tidy -j); about 4 minutes of CPU (HACKING.md).
#   clang_tidy_test.sh BUILD_DIR [PATH_REGEX]
# PATH_REGEX narrows the files (default: every file under probe/src and supervisor/src), e.g.
# 'probe/src/log' while fixing one file.
set -euo pipefail
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"
root=$SP_ROOT

usage() { echo "usage: clang_tidy_test.sh BUILD_DIR [PATH_REGEX]   (a build with compile_commands.json)" >&2; }
[ $# -eq 1 ] || [ $# -eq 2 ] || { usage; exit 2; }
build=$1
files=${2:-(probe|supervisor)/src/}
[ -f "$build/compile_commands.json" ] || { echo "FAIL: no $build/compile_commands.json" >&2; exit 1; }
command -v clang-tidy >/dev/null || skip_test "no clang-tidy (apt-get install clang-tidy)"
command -v run-clang-tidy >/dev/null || skip_test "no run-clang-tidy (apt-get install clang-tidy)"

log=$TEST_TMP/clang-tidy.log
rc=0
# The regex selects probe/src's translation units among the compile commands
# (tests and their generated files are not linted).
timeout 1800 run-clang-tidy -quiet -j "$(nproc)" -p "$build" "^$root/$files" >"$log.raw" 2>&1 || rc=$?
# run-clang-tidy colours its output even into a file: strip the escapes.
sed 's/\x1b\[[0-9;]*m//g' "$log.raw" >"$log"
# clang-tidy prints "N warnings generated" for warnings in system headers it
# then suppresses; only diagnostics with a file:line:col in the tree count.
if grep -E "^$root/.*: (warning|error):" "$log" >&2 || [ "$rc" != 0 ]; then
  echo "FAIL: clang-tidy (exit $rc) found the diagnostics above" >&2
  [ "$rc" = 0 ] || tail -n 20 "$log" >&2
  exit 1
fi
echo "clang-tidy: $files clean"
