#!/usr/bin/env bash
# Bad input: exit 2 and one line, nothing written, nothing started.
. "$(dirname "$0")/lib.sh" "$@"

# expect_usage_error WHAT ARGS...: exit 2, exactly one stderr line.
expect_usage_error() {
  local what=$1 rc=0
  shift
  "$SP_ROOT/scripts/runtimes" "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err" || rc=$?
  expect_eq "$what: exit" "$rc" 2
  expect_eq "$what: stderr lines" "$(wc -l <"$TEST_TMP/err")" 1
  echo "   $(cat "$TEST_TMP/err")"
}
expect_usage_error "unknown runtime" --runtimes docker,nosuch --out "$TEST_TMP/o1"
grep -q "nosuch" "$TEST_TMP/err" || fail "the error does not name 'nosuch'"
[ ! -e "$TEST_TMP/o1" ] || fail "--out was created for bad input"
expect_usage_error "empty runtime list" --runtimes , --out "$TEST_TMP/o2"
touch "$TEST_TMP/file"
expect_usage_error "--out is a file's child" --out "$TEST_TMP/file/sub"
expect_usage_error "--out unwritable" --out /proc/sp-runtimes-out
expect_usage_error "unknown option" --frobnicate
expect_usage_error "missing value" --out
expect_usage_error "empty value" --image ""
