#!/usr/bin/env bash
# Our number 548 is above every syscall a profile can name, so runc's ENOSYS
# stub answers it before the kill profile's default action: ENOSYS, no SIGSYS,
# and the probe must still not claim `implemented` (seccomp/README.md).
. "$(dirname "$0")/../lib.sh"
require_image
probe_json --security-opt "seccomp=$SP_ROOT/seccomp/kill.json"
expect_eq "nr" "$(j 'own | nr')" 548
expect_eq "outcome" "$(j 'own | kind')/$(j 'own | errno_name')" errno/ENOSYS
verdict=$(j 'own | verdict')
[ "$verdict" != implemented ] || fail "verdict is 'implemented'"
pass "verdict $verdict: $(j 'own | explanation')"
