#!/usr/bin/env bash
# --format json: parses, validates against docs/report.schema.json, and gives
# the same verdict as the text report of the same container setup.
. "$(dirname "$0")/../lib.sh"
require_image
probe_json --security-opt seccomp=unconfined -- --syscalls all
validate_report "$TEST_TMP/out"
verdict=$(j 'own | verdict')
expect_eq "schema (docs/report.schema.json)" "$(j .schema)/$(j .schema_version)" "$(report_schema)"
probe --security-opt seccomp=unconfined --env NO_COLOR=1 -- --syscalls all
[ "$rc" -eq 0 ] || fail "text report exited $rc: $(cat "$TEST_TMP/err")"
# The text report: a "Syscall ... nr 548" line, then a "Verdict  <verdict>" line.
text_verdict=$(awk '/^Syscall/ && / nr 548([^0-9]|$)/ { seen = 1 } seen && /^Verdict/ { print $2; exit }' "$TEST_TMP/out")
[ -n "$text_verdict" ] || fail "the text report has no Verdict line after 'Syscall ... nr 548': $(head -c 1500 "$TEST_TMP/out")"
expect_eq "text verdict vs JSON verdict" "$text_verdict" "$verdict"
