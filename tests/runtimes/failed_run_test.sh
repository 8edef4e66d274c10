#!/usr/bin/env bash
# A run that fails keeps its evidence. containerd comes up for real; a `ctr`
# first on PATH hands every command to the real one but `run`: the default
# run prints known lines on stdout and stderr and exits 42; the unconfined run
# is the real one with other probe arguments, `--nr 34 --timeout-ms 600000`:
# the probe, PID 1 of its container, waits in pause(2) for ten minutes, deaf
# to the SIGTERM ctr forwards (PID 1 gets only the signals it handles), until
# the SIGKILL that follows the limit (SYSCALL_PROBE_RUN_TIMEOUT, then
# run_limited's kill-after) ends the run. Each failure document must keep the
# exit status and what it means, the wall time and the tail of both outputs,
# validate against docs/host-failure.schema.json, and the FAILED column must
# name the status.
. "$(dirname "$0")/lib.sh" "$@"

[ "$(id -u)" -eq 0 ] || skip_test "scripts/runtimes needs root"
docker info >/dev/null 2>&1 || skip_test "no Docker engine answers (scripts/engine start)"

limit=20
mkdir -p "$TEST_TMP/bin"
{
  printf '#!/usr/bin/env bash\n# ctr, but its run fails on purpose (tests/runtimes/%s).\n' "$(basename "$0")"
  cat <<'CTR'
set -euo pipefail
here=$(dirname "$0")
PATH=$(printf '%s' "$PATH" | tr : '\n' | grep -vxF "$here" | paste -sd:)
args=("$@")
while [ $# -gt 0 ]; do
  case $1 in
    --address|--namespace) shift 2 ;;
    run) break ;;
    *) exec ctr "${args[@]}" ;;
  esac
done
[ $# -gt 0 ] || exec ctr "${args[@]}"
case " ${args[*]} " in
  *" --seccomp "*)
    for i in 1 2 3 4 5 6; do echo "stdout line $i of the failing run"; done
    printf 'last stdout line %0300d\n' 0
    for i in 1 2 3 4 5 6; do echo "stderr line $i of the failing run" >&2; done
    echo "ctr: failed on purpose, exit 42" >&2
    exit 42 ;;
  *)
    # The real run, up to the probe; then a call that blocks: pause(2).
    keep=()
    for a in "${args[@]}"; do keep+=("$a"); [ "$a" != /syscall-probe ] || break; done
    exec ctr "${keep[@]}" --nr 34 --timeout-ms 600000 ;;
esac
CTR
} >"$TEST_TMP/bin/ctr"
chmod +x "$TEST_TMP/bin/ctr"

rc=0
SECONDS=0
PATH=$TEST_TMP/bin:$PATH SYSCALL_PROBE_RUN_TIMEOUT=$limit \
  "$SP_ROOT/scripts/runtimes" --runtimes containerd --out "$TEST_TMP/out" --image "$IMAGE" \
  >"$TEST_TMP/table" 2>"$TEST_TMP/err" || rc=$?
took=$SECONDS
[ "$rc" -eq 0 ] || { cat "$TEST_TMP/err" >&2; fail "scripts/runtimes exited $rc with two failed runs"; }
out=$TEST_TMP/out
[ ! -e "$out/containerd-failed.json" ] || fail "containerd did not start: $(jq -r .reason "$out/containerd-failed.json")"

f=$out/containerd-default-failed.json
[ -f "$f" ] || fail "no $f"
validate_failure "$f"
expect_eq "default: exit status" "$(jq -r .run.exit_status "$f")" 42
expect_eq "default: meaning of 42" "$(jq -r .run.meaning "$f")" ""
expect_eq "default: stderr tail" "$(jq -r '.run.stderr.tail | join("|")' "$f")" \
  "stderr line 3 of the failing run|stderr line 4 of the failing run|stderr line 5 of the failing run|stderr line 6 of the failing run|ctr: failed on purpose, exit 42"
expect_eq "default: stdout tail, long line cut" "$(jq -r '.run.stdout.tail | "\(length) lines, the last \(last | length) characters"' "$f")" \
  "5 lines, the last 200 characters"
expect_eq "default: first stdout line kept" "$(jq -r '.run.stdout.tail[0]' "$f")" "stdout line 3 of the failing run"
expect_eq "default: stdout size" "$(jq -r .run.stdout.bytes "$f")" "$(stat -c %s "$(jq -r .run.stdout.file "$f")")"
expect_eq "default: reason" "$(jq -r .reason "$f")" "the run failed: exit 42: ctr: failed on purpose, exit 42"
grep -qxF 'stdout line 1 of the failing run' "$(jq -r .run.stdout.file "$f")" || fail "the whole stdout is not kept in its log"

f=$out/containerd-unconfined-failed.json
[ -f "$f" ] || fail "no $f"
validate_failure "$f"
expect_eq "unconfined: exit status" "$(jq -r .run.exit_status "$f")" 137
expect_eq "unconfined: meaning" "$(jq -r .run.meaning "$f")" "timed out after $limit s, then killed by SIGKILL"
expect_eq "unconfined: limit" "$(jq -r .run.limit_seconds "$f")" "$limit"
expect_eq "unconfined: stdout, stderr" "$(jq -c '[.run.stdout.bytes, .run.stdout.tail, .run.stderr.bytes, .run.stderr.tail]' "$f")" \
  '[0,[],0,[]]'
expect_eq "unconfined: reason" "$(jq -r .reason "$f")" \
  "the run failed: exit 137 (timed out after $limit s, then killed by SIGKILL), no stderr, stdout empty"
jq -e --argjson l "$((limit + SP_RUN_KILL_AFTER))" '.run.seconds >= $l and .run.seconds < $l + 30' "$f" >/dev/null \
  || fail "wall time $(jq .run.seconds "$f") s is not the limit $limit s and the kill-after $SP_RUN_KILL_AFTER s"
pass "the hung run ended after $(jq .run.seconds "$f") s: the limit, then the SIGKILL"

grep -q 'FAILED: the run failed: exit 42: ctr: failed on purpose' "$out/runtimes.txt" \
  || fail "the text table's column does not say exit 42: $(grep -m1 FAILED "$out/runtimes.txt")"
grep -q 'FAILED: the run failed: exit 137 (timed out after' "$out/runtimes.txt" \
  || fail "the text table's column does not say exit 137: $(grep FAILED "$out/runtimes.txt")"
grep -q 'class="failed"' "$out/runtimes.html" || fail "the html table has no failure column"
pass "both FAILED columns name the exit status (scripts/runtimes took $took s)"
left=$(pgrep -a -f 'syscall-probe --nr 34 --timeout-ms 600000|containerd-shim-runc-v2 -namespace syscall-probe' || true)
[ -z "$left" ] || fail "the hung run's probe or shim is left: $left"
pass "the hung run's probe and shim are gone"
no_leftovers
