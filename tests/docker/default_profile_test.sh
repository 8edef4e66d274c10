#!/usr/bin/env bash
# Docker's default seccomp profile: the filter answers our number, the probe
# must not claim `implemented`, must name the filter, and must bring kallsyms
# evidence (this host's kernel lacks the symbol).
. "$(dirname "$0")/lib.sh"
require_image
probe_json
expect_eq "seccomp mode" "$(j .confinement.seccomp.mode_name)" filter
verdict=$(j .syscall.verdict)
[ "$verdict" != implemented ] || fail "verdict is 'implemented' under the default profile on a stock kernel"
pass "verdict $verdict (not implemented)"
j .syscall.explanation | grep -qi seccomp || fail "explanation does not name the seccomp filter: $(j .syscall.explanation)"
pass "explanation: $(j .syscall.explanation)"
expect_eq "kallsyms readable" "$(j .kallsyms.readable)" true
expect_eq "kernel_has_symbol ($(j .syscall.symbol))" "$(j .syscall.kernel_has_symbol)" false
