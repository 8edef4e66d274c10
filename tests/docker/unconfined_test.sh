#!/usr/bin/env bash
# No seccomp filter: the kernel itself answers, and this host's kernel lacks
# the syscall.
. "$(dirname "$0")/../lib.sh"
require_image
probe_json --security-opt seccomp=unconfined
expect_eq "seccomp mode" "$(j seccomp_mode_name)" disabled
expect_eq verdict "$(j 'own | verdict')" absent
expect_eq errno "$(j 'own | errno_name')" ENOSYS
