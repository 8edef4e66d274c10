#!/usr/bin/env bash
# No seccomp filter: the kernel itself answers, and this host's kernel lacks
# the syscall.
. "$(dirname "$0")/../lib.sh"
require_image
probe_json --security-opt seccomp=unconfined
expect_eq "seccomp mode" "$(j .confinement.seccomp.mode_name)" disabled
expect_eq verdict "$(j .syscall.verdict)" absent
expect_eq errno "$(j .syscall.outcome.errno_name)" ENOSYS
