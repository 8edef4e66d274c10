#!/usr/bin/env bash
# The most confined ordinary run still gives a full, correct report: every
# fork of the catalogue fits under --pids-limit 16 and --memory 16m.
. "$(dirname "$0")/../lib.sh"
require_image
probe_json --read-only --cap-drop ALL --security-opt no-new-privileges \
  --user 65534:65534 --pids-limit 16 --memory 16m -- --syscalls all
expect_eq "kernel release" "$(j .kernel.release)" "$(uname -r)"
expect_eq "no_new_privs" "$(j .confinement.no_new_privs)" true
expect_eq "effective capabilities" "$(j '.confinement.capabilities.effective | length')" 0
expect_eq "seccomp mode" "$(j .confinement.seccomp.mode_name)" filter
[ "$(j .syscall.verdict)" != implemented ] || fail "own syscall 'implemented' on a stock kernel"
n=$(j '.catalogue | length')
want=$(catalogue_rows "$(j .kernel.machine)")
[ "$n" -eq "$want" ] || fail "catalogue has $n entries, want $want (docs/catalogue.md)"
bad=$(j '[.catalogue[], .syscall | select(.verdict == "error" or .outcome.kind == "error" or .outcome.kind == "timeout") | "\(.name): \(.outcome.error // .outcome.kind)"] | join("; ")')
[ -z "$bad" ] || fail "attempts that could not run: $bad"
pass "all $n catalogue attempts ran; own syscall: $(j .syscall.verdict)"
validate_report "$TEST_TMP/out"
