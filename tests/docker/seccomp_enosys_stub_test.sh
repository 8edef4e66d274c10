#!/usr/bin/env bash
# Our number 548 is above every syscall a profile can name, so runc's ENOSYS
# stub answers it before the kill profile's default action: ENOSYS, no SIGSYS,
# and the probe must still not claim `implemented` (seccomp/README.md).
. "$(dirname "$0")/../lib.sh"
require_image
probe_json --security-opt "seccomp=$SP_ROOT/seccomp/kill.json"
expect_eq "nr" "$(j .syscall.nr)" 548
expect_eq "outcome" "$(j .syscall.outcome.kind)/$(j .syscall.outcome.errno_name)" errno/ENOSYS
verdict=$(j .syscall.verdict)
[ "$verdict" != implemented ] || fail "verdict is 'implemented'"
pass "verdict $verdict: $(j .syscall.explanation)"
