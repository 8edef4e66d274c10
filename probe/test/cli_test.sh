#!/usr/bin/env bash
# The built binary's contract for bad input: exit 2, exactly one stderr
# line, nothing on stdout; --help/--version on stdout with exit 0.
set -euo pipefail
# shellcheck source=../../tests/lib.sh
. "$(dirname "$0")/../../tests/lib.sh"

usage() { echo "usage: cli_test.sh PROBE" >&2; }
[ $# -eq 1 ] || { usage; exit 2; }
probe=$1
dir=$TEST_TMP
fail=0

check_bad() {
  local rc=0
  timeout 10 "$probe" "$@" >"$dir/out" 2>"$dir/err" || rc=$?
  if [ "$rc" -ne 2 ] || [ -s "$dir/out" ] || [ "$(wc -l <"$dir/err")" -ne 1 ]; then
    echo "FAIL: $* -> exit $rc, stdout $(wc -c <"$dir/out") bytes, stderr $(wc -l <"$dir/err") lines" >&2
    fail=1
  fi
}

check_bad --nr abc
check_bad --nr -1
check_bad --nr 1024
check_bad --arg 4294967296
check_bad --syscalls nosuchcall
check_bad --format yaml
check_bad --expect maybe
check_bad --timeout-ms 0
check_bad --kallsyms sometimes
check_bad --log-level loud
check_bad --frobnicate
check_bad stray
check_bad --nr 0x400
check_bad --syscalls 400      # no table gives 400 or 380-390 a call
check_bad --syscalls 380-390
# compare: a device or a directory is skipped (a warning), then no usable
# report (the error): exit 2, two lines, never a read of /dev/zero; stdin
# past the size limit is one error line.
check_compare() {
  local lines=$1; shift
  local rc=0
  timeout 20 "$probe" compare "$@" >"$dir/out" 2>"$dir/err" || rc=$?
  if [ "$rc" -ne 2 ] || [ -s "$dir/out" ] || [ "$(wc -l <"$dir/err")" -ne "$lines" ]; then
    echo "FAIL: compare $* -> exit $rc, stdout $(wc -c <"$dir/out") bytes, stderr: $(cat "$dir/err")" >&2
    fail=1
  fi
}
check_compare 2 /dev/zero
grep -q 'warning: /dev/zero: skipped: is a character device' "$dir/err" || { echo "FAIL: /dev/zero not named" >&2; fail=1; }
check_compare 2 "$dir"
grep -q 'skipped: is a directory' "$dir/err" || { echo "FAIL: a directory not named" >&2; fail=1; }
check_compare 1 - </dev/zero
grep -q 'error: stdin: larger than 64 MiB' "$dir/err" || { echo "FAIL: stdin over the limit: $(cat "$dir/err")" >&2; fail=1; }

timeout 10 "$probe" --help >"$dir/out"
grep -q 'Examples:' "$dir/out" || { echo "FAIL: --help lacks examples" >&2; fail=1; }
[ "$(awk '{ if (length($0) > 80) n++ } END { print n + 0 }' "$dir/out")" -eq 0 ] ||
  { echo "FAIL: --help wider than 80 columns" >&2; fail=1; }
timeout 10 "$probe" --version | grep -qE '^syscall-probe [0-9]+\.[0-9]+\.[0-9]+$' ||
  { echo "FAIL: --version" >&2; fail=1; }
# The census never runs with privileges here: as uid 65534, from a copy it can run.
nb=$(nobody_dir)
cp "$probe" "$nb/syscall-probe"
NO_COLOR=1 as_nobody "$dir/out" "$dir/err" "$nb/syscall-probe" --syscalls all \
  || { echo "FAIL: the census exited non-zero: $(tail -n3 "$dir/err")" >&2; fail=1; }
if grep -q $'\x1b' "$dir/out"; then echo "FAIL: colour on a pipe" >&2; fail=1; fi
[ "$(awk '{ if (length($0) > 80) n++ } END { print n + 0 }' "$dir/out")" -eq 0 ] ||
  { echo "FAIL: text report wider than 80 columns" >&2; fail=1; }
exit "$fail"
