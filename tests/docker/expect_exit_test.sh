#!/usr/bin/env bash
# --expect: exit 0 when the verdicts match, 1 when one does not, 2 for bad
# input (unconfined first, where this host's verdict for ours is `absent`).
. "$(dirname "$0")/../lib.sh"
require_image
probe --security-opt seccomp=unconfined -- --expect absent
expect_eq "exit of --expect absent" "$rc" 0
probe --security-opt seccomp=unconfined -- --expect implemented
expect_eq "exit of --expect implemented" "$rc" 1

# --expect NAME=VERDICT: the named calls are tried without --syscalls; a
# miss exits 1 with one line naming each call that differs. Under Docker's
# default profile acct is the filter's (blocked), read the kernel's.
probe -- --expect acct=blocked,read=implemented,548=absent
expect_eq "exit of --expect acct=blocked,read=implemented,548=absent" "$rc" 0
probe -- --expect acct=implemented,read=implemented
expect_eq "exit of --expect acct=implemented" "$rc" 1
expect_eq "stderr of the miss" "$(cat "$TEST_TMP/err")" \
  "syscall-probe: --expect: acct is blocked, not implemented"
probe -- --expect acct=sometimes
expect_eq "exit of a verdict that does not exist" "$rc" 2
