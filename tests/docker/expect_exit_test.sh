#!/usr/bin/env bash
# --expect: exit 0 when our syscall's verdict matches, 1 when it does not
# (unconfined, where this host's verdict is `absent`).
. "$(dirname "$0")/../lib.sh"
require_image
probe --security-opt seccomp=unconfined -- --expect absent
expect_eq "exit of --expect absent" "$rc" 0
probe --security-opt seccomp=unconfined -- --expect implemented
expect_eq "exit of --expect implemented" "$rc" 1
