#!/usr/bin/env bash
# A bad option: exit 2, exactly one line on stderr, nothing on stdout.
. "$(dirname "$0")/../lib.sh"
require_image
for args in "--no-such-option" "--nr -1" "--format yaml"; do
  # shellcheck disable=SC2086 # split on purpose: one option and its value
  probe -- $args
  expect_eq "exit of '$args'" "$rc" 2
  [ ! -s "$TEST_TMP/out" ] || fail "'$args' wrote to stdout: $(head -c 300 "$TEST_TMP/out")"
  lines=$(wc -l <"$TEST_TMP/err")
  [ "$lines" -eq 1 ] || fail "'$args' wrote $lines lines to stderr, want 1: $(cat "$TEST_TMP/err")"
  pass "'$args': $(cat "$TEST_TMP/err")"
done
