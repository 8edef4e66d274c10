#!/usr/bin/env bash
# The host-failure document of a command that gave no report, without a
# runtime (pure, label unit): real commands that exit 42 with more output than
# the tails keep, outlive a `timeout` (deaf to SIGTERM or not), die by a
# signal, or print half a report; each document must validate against
# docs/host-failure.schema.json and its reason must name the exit status.
. "$(dirname "$0")/../lib.sh"
. "$SP_ROOT/scripts/lib/tables.sh"

command -v jq >/dev/null || skip_test "jq is not installed (scripts/deps installs it)"
cd "$TEST_TMP"
report=$SP_ROOT/probe/test/fixtures/reports/host/default.json

# doc NAME LIMIT CMD...: run CMD as scripts/runtimes runs a runtime, then
# the failure document it would write, in NAME.json (validated at the end,
# all in one go).
doc() {
  local name=$1 limit=$2
  shift 2
  run_captured "$name.out" "$name.err" "$@"
  run_failure "$name.json" "$name" "the run failed" "$name.out" "$name.err" "$name.err" "$limit" 2>/dev/null
}
# field NAME FILTER: jq -r FILTER on NAME.json.
field() { rj "$2" "$1.json"; }

noisy() {
  local i
  for i in 1 2 3 4 5 6; do echo "out $i"; done
  printf 'long %0300d\n' 0
  for i in 1 2 3 4 5 6; do echo "err $i" >&2; done
  printf 'bad bytes \xff\xfe \001 at the end\n\n' >&2
  return 42
}
doc noisy 120 noisy
expect_eq "exit 42" "$(field noisy .run.exit_status)" 42
expect_eq "42 has no meaning of its own" "$(field noisy .run.meaning)" ""
expect_eq "stdout tail" "$(field noisy '.run.stdout.tail | map(.[0:6]) | join(",")')" "out 3,out 4,out 5,out 6,long 0"
expect_eq "a long line is cut" "$(field noisy '.run.stdout.tail | last | length')" 200
expect_eq "stderr tail, the blank line dropped" "$(field noisy '.run.stderr.tail | .[0:4] | join(",")')" "err 3,err 4,err 5,err 6"
expect_eq "reason: the last line that says something" "$(field noisy .reason)" \
  "the run failed: exit 42: bad bytes �� $(printf '\001') at the end"
expect_eq "sizes" "$(field noisy '[.run.stdout.bytes, .run.stdout.report] | map(tostring) | join(" ")')" \
  "$(stat -c %s noisy.out) false"

doc slow 1 timeout 1 sleep 30
expect_eq "timed out" "$(field slow '[.run.exit_status, .run.meaning, .run.limit_seconds] | map(tostring) | join(" / ")')" \
  "124 / timed out after 1 s / 1"
expect_eq "reason of a silent timeout" "$(field slow .reason)" \
  "the run failed: exit 124 (timed out after 1 s), no stderr, stdout empty"

# SIGTERM ignored, as a container's PID 1 ignores the one its engine forwards.
doc deaf 1 timeout --kill-after=1 1 bash -c 'trap "" TERM; sleep 30'
expect_eq "killed after the limit" "$(field deaf '[.run.exit_status, .run.meaning] | map(tostring) | join(" / ")')" \
  "137 / timed out after 1 s, then killed by SIGKILL"
jq -e '.run.seconds >= 2 and .run.seconds < 30' deaf.json >/dev/null || fail "wall time $(field deaf .run.seconds) s is not limit + kill-after"
pass "wall time $(field deaf .run.seconds) s: the limit and the kill-after"

# shellcheck disable=SC2016 # $1 of the inner shell
doc late 1 timeout 1 bash -c 'cat "$1"; sleep 30' _ "$report"
expect_eq "a whole report, then the limit" "$(field late .reason)" \
  "the run failed: exit 124 (timed out after 1 s), no stderr, stdout a whole report"
expect_eq "its tail" "$(field late '.run.stdout.tail | last')" "}"

doc crash 120 bash -c 'kill -SEGV $$'
expect_eq "a signal" "$(field crash .run.meaning)" "killed by signal 11, SIGSEGV"

doc half 120 head -c 1000 "$report"
expect_eq "exit 0, half a report" "$(field half .reason)" \
  "the run failed: exit 0, no stderr, stdout 1000 bytes, not a report"

doc missing 120 no-such-command-here
expect_eq "not found" "$(field missing '[.run.exit_status, .run.meaning] | map(tostring) | join(" / ")')" \
  "127 / the command was not found"

# run_report: a report is written whole and leaves no failure; no report
# leaves the failure beside it and the stdout in the log.
mkdir -p out logs
run_report out/ok.json ok "the run failed" logs/ok cat "$report" 2>/dev/null || fail "run_report refused a report"
cmp -s out/ok.json "$report" || fail "out/ok.json is not the report"
if [ -e out/ok-failed.json ] || [ -e out/ok.json.tmp ]; then fail "a failure or a temporary file beside a report"; fi
pass "run_report: the report written whole, nothing beside it"
if run_report out/bad.json bad "the run failed" logs/bad head -c 1000 "$report" 2>/dev/null; then
  fail "run_report took half a report"
fi
if [ -e out/bad.json ] || [ -e out/bad.json.tmp ]; then fail "half a report left as out/bad.json"; fi
expect_eq "stdout kept whole" "$(stat -c %s logs/bad.stdout)" 1000
expect_eq "where" "$(jq -r '[.log, .run.stdout.file, .run.stderr.file] | join(" ")' out/bad-failed.json)" \
  "logs/bad.stderr logs/bad.stdout logs/bad.stderr"

# A document with no command behind it (no engine) is the older shape.
host_failure plain.json plain "no Docker engine on this machine" logs 2>/dev/null
expect_eq "no run" "$(field plain 'has("run")')" false

docs=(./*.json out/bad-failed.json)
validate_against host-failure.schema.json "${docs[@]}" \
  || fail "a document does not validate against docs/host-failure.schema.json"
pass "${#docs[@]} documents validate against docs/host-failure.schema.json"
