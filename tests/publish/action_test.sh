#!/usr/bin/env bash
# action.yml's own run steps (read from the file by run_action.py, never
# copied) run here against the real image with real inputs, GITHUB_OUTPUT,
# GITHUB_STEP_SUMMARY and RUNNER_TEMP pointing at files of this test:
#   1. expectations that hold: exit 0, expectations-held=true, the report a
#      valid report of this schema, the summary naming kernel and verdicts;
#   2. one that does not: the last step fails, expectations-held=false, the
#      summary names the call that differs;
#   3. the same with fail-on-mismatch=false: the steps pass, held still false;
#   4. an unknown call name: the probe's usage error fails the first step.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)
apt_install python3-yaml jq
"$SP_ROOT/scripts/engine" start >/dev/null || skip_test "no Docker engine"
image_ensure "$IMAGE"

# run_action NAME INPUT=VALUE...: the action's steps in $TEST_TMP/NAME;
# their JSON result in $TEST_TMP/NAME.json.
run_action() {
  local name=$1
  shift
  mkdir -p "$TEST_TMP/$name"
  "$py" "$here/run_action.py" "$SP_ROOT/action.yml" "$TEST_TMP/$name" "image=$IMAGE" "$@" \
    >"$TEST_TMP/$name.json" || fail "run_action.py $name"
}
field() { rj "$2" "$TEST_TMP/$1.json"; }

# What this host's Docker profile answers for acct, from a run of its own:
# the action must report the same.
image_run "$IMAGE" -- --format json --syscalls acct >"$TEST_TMP/direct.json" || fail "direct run"
acct=$(rj '[rows][0].verdict' "$TEST_TMP/direct.json")
other=blocked
[ "$acct" != blocked ] || other=implemented

run_action held "syscalls=all" "expect=getppid=implemented,acct=$acct" "label=action test"
check "held: every step passed" [ "$(field held .rc)" = 0 ]
check "held: expectations-held is true" [ "$(field held '.outputs["expectations-held"]')" = true ]
report=$(field held .outputs.report)
check "held: the report output is a report of this schema" is_report "$report"
check "held: it is the whole census" [ "$(rj calls "$report")" -eq "$(catalogue_rows "$(rj machine "$report")")" ]
check "held: with the label" [ "$(jq -r .label "$report")" = "action test" ]
summary=$(field held .summary)
check "held: the summary names the host and syscall 548" grep -q '^### syscall-probe on action test' <<<"$summary"
check "held: the summary has the census line" grep -qF "$(rj summary_text "$report")" <<<"$summary"
check "held: the summary says the expectations held" grep -q '^Expectations held' <<<"$summary"

run_action differs "syscalls=getppid" "expect=acct=$other"
check "differs: the check step fails (exit 1)" [ "$(field differs .rc)" = 1 ]
check "differs: only the last step failed" [ "$(field differs '[.steps[].rc] | join(",")')" = 0,0,1 ]
check "differs: expectations-held is false" [ "$(field differs '.outputs["expectations-held"]')" = false ]
check "differs: the report is still kept" is_report "$(field differs .outputs.report)"
check "differs: the summary names acct" grep -q "^- acct is $acct, not $other" <<<"$(field differs .summary)"

run_action tolerated "syscalls=getppid" "expect=acct=$other" "fail-on-mismatch=false"
check "fail-on-mismatch=false: the steps pass" [ "$(field tolerated .rc)" = 0 ]
check "fail-on-mismatch=false: expectations-held is still false" \
  [ "$(field tolerated '.outputs["expectations-held"]')" = false ]

run_action unknown "expect=no_such_call=absent"
check "an unknown call: the probe's usage error (2) fails the first step" \
  [ "$(field unknown '[.steps[].rc] | join(",")')" = 2 ]
finish
