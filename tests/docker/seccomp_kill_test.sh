#!/usr/bin/env bash
# seccomp/kill.json (SCMP_ACT_KILL_PROCESS): the attempt's child is killed by
# SIGSYS, the probe survives and says so.
. "$(dirname "$0")/lib.sh"
require_image
check_sigsys_profile kill.json false
