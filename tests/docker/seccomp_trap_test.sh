#!/usr/bin/env bash
# seccomp/trap.json (SCMP_ACT_TRAP): SIGSYS with si_code SYS_SECCOMP, seen by
# the probe's handler.
. "$(dirname "$0")/lib.sh"
require_image
check_sigsys_profile trap.json true
