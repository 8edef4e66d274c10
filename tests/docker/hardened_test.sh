#!/usr/bin/env bash
# The most confined ordinary run still gives a full, correct report: every
# fork of the catalogue fits under --pids-limit 16 and --memory 16m.
. "$(dirname "$0")/../lib.sh"
require_image
probe_json --read-only --cap-drop ALL --security-opt no-new-privileges \
  --user 65534:65534 --pids-limit 16 --memory 16m -- --syscalls all
expect_eq "kernel release" "$(j release)" "$(uname -r)"
expect_eq "no_new_privs" "$(j no_new_privs)" true
expect_eq "effective capabilities" "$(j 'caps_effective | length')" 0
expect_eq "seccomp mode" "$(j seccomp_mode_name)" filter
[ "$(j 'own | verdict')" != implemented ] || fail "own syscall 'implemented' on a stock kernel"
n=$(j calls)
want=$(catalogue_rows "$(j machine)")
[ "$n" -eq "$want" ] || fail "catalogue has $n entries, want $want (docs/catalogue.md)"
bad=$(j '[rows, own | select(verdict == "error" or kind == "error" or kind == "timeout") | "\(name): \(outcome.error // kind)"] | join("; ")')
[ -z "$bad" ] || fail "attempts that could not run: $bad"
pass "all $n catalogue attempts ran; own syscall: $(j 'own | verdict')"
validate_report "$TEST_TMP/out"
