#!/usr/bin/env bash
# The unchanged image under Podman + crun on this machine's stock kernel, once
# with the default profile and once with the same profile plus a supervisor
# for syscall 548 (docs/supervisor.md): 548 absent, then implemented (verified)
# and answered by the supervisor; every other catalogue row the same; nothing
# left running. SYSCALL_PROBE_KEEP_TEST=DIR keeps both reports and the supervisor's log.
#   supervisor_test.sh SUPERVISOR-BIN
. "$(dirname "$0")/../lib.sh"
# shellcheck source=../../scripts/lib/runtimes.sh
. "$SP_ROOT/scripts/lib/runtimes.sh"
# shellcheck source=../../scripts/lib/supervisor.sh
. "$SP_ROOT/scripts/lib/supervisor.sh"

bin=${1:?usage: supervisor_test.sh SUPERVISOR-BIN}
[ -x "$bin" ] || fail "no supervisor at $bin"
[ "$(id -u)" -eq 0 ] || skip_test "rootful Podman needs root"
{ command -v podman && command -v crun; } >/dev/null || skip_test "no podman and crun (scripts/deps)"
/usr/bin/python3 -c 'import base64, struct' || fail "no /usr/bin/python3"
docker info >/dev/null 2>&1 || skip_test "no Docker engine answers (scripts/engine start)"
docker image inspect "$IMAGE" >/dev/null 2>&1 || fail "image $IMAGE is missing: run scripts/build-image"

RT_IMAGE=$(image_ref "$IMAGE")
RT_WORK=$(mktemp -d "${TMPDIR:-/tmp}/sp-supervisor.XXXXXX")
cleanup() {
  sup_stop
  rt_down_podman || true
  rt_umount_under "$RT_WORK"
  [ -n "${KEEP:-}" ] && cp -r "$TEST_TMP" "$KEEP"
  rm -rf --one-file-system "$RT_WORK" "$TEST_TMP" 2>/dev/null || true
}
trap cleanup EXIT
# SUP_TEST_KEEP: the variable's old name, still read.
KEEP=${SYSCALL_PROBE_KEEP_TEST:-${SUP_TEST_KEEP:-}}
image_tar "$RT_IMAGE"
RT_IMAGE_TAR=$IMAGE_TAR
version=$(rt_up_podman) || fail "podman could not start"
pass "up: $version"

args=(--format json --syscalls all --kallsyms always)
plain=$TEST_TMP/plain.json supervised=$TEST_TMP/supervised.json
rt_run_podman default -- "${args[@]}" --label "$version default" >"$plain" \
  || fail "the run without a supervisor failed"
validate_report "$plain"

data=$(sup_filter_data podman) || fail "no filter program from crun"
pass "crun's default program + the 548 prefix: $(printf '%s' "$data" | base64 -d | wc -c) bytes"
socket=$RT_WORK/supervisor.sock
sup_start "$bin" "$socket" "$TEST_TMP/supervisor.log" || fail "the supervisor did not listen: $(cat "$TEST_TMP/supervisor.log")"
rc=0
sup_podman_run podman "$socket" "$data" -- "${args[@]}" --label "$version default + supervisor" \
  >"$supervised" || rc=$?
sup_status=0
sup_finish || sup_status=$?
cat "$TEST_TMP/supervisor.log" >&2
[ "$rc" -eq 0 ] || fail "the supervised run exited $rc"
expect_eq "the supervisor's exit status once the container was gone" "$sup_status" 0
[ ! -e "$socket" ] || fail "the supervisor left its socket"
validate_report "$supervised"

r() { rj "$2" "$1"; }
expect_eq "548 without the supervisor" "$(r "$plain" 'own | verdict')" absent
expect_eq "548 under the supervisor" "$(r "$supervised" 'own | "\(verdict) verified=\(verified)"')" \
  "implemented verified=true"
expect_eq "548 answered by" "$(r "$supervised" 'own | "\(answered_by) \(proof)"')" \
  "seccomp-supervisor listener-in-chain"
expect_eq "a listener in the chain, without the supervisor" \
  "$(r "$plain" 'asked | "\(.status) supervisor=\(.supervisor)"')" "installed supervisor=false"
expect_eq "a listener in the chain, under the supervisor" \
  "$(r "$supervised" 'asked | "\(.status) supervisor=\(.supervisor)"')" "busy supervisor=true"
expect_eq "the kernel has the entry symbol" "$(r "$supervised" 'own | has_symbol')" false
# Twice: the probe's call, and its asking child's (the supervisor's
# USER_NOTIF outranks the probe's TRACE filter, docs/supervisor.md).
expect_eq "the supervisor answered" "$(grep -c 'answered 2,' "$TEST_TMP/supervisor.log")" 1

# Every other row: what the call met (the outcome) is the same, so the filter
# is the same; and so is the verdict: with a listener in the chain the
# probe's own filter with a listener is refused (EBUSY), and it asks the
# filters with SECCOMP_RET_TRACE instead (docs/verdicts.md "Asking the
# filter"), so an EPERM is still told the filter's or the kernel's. An
# ENOSYS is not (Podman's profile answers ENOSYS too, like TRACE): there the
# verdict is the same and the answerer may be left unknown.
outcomes() {
  rj 'rows | [name, nr, kind, (errno_name // ""),
    (signal_name // "")] | @tsv' "$1" | sort
}
outcomes "$plain" >"$TEST_TMP/plain.outcomes"
outcomes "$supervised" >"$TEST_TMP/supervised.outcomes"
rows=$(wc -l <"$TEST_TMP/plain.outcomes")
expect_eq "catalogue rows" "$(wc -l <"$TEST_TMP/supervised.outcomes")" "$rows"
if ! diff "$TEST_TMP/plain.outcomes" "$TEST_TMP/supervised.outcomes" >&2; then
  fail "a call met another answer under the default profile + supervisor"
fi
pass "every one of $rows catalogue calls met the same answer as under the default profile"
# shellcheck disable=SC2016 # $names are jq's variables
rj --slurpfile p "$plain" '
  ([$p[0] | rows] | map({(name): .}) | add) as $plain
  | rows | select(verdict != $plain[name].verdict
      or (answered_by != $plain[name].answered_by and errno_name != "ENOSYS"))
  | [name, $plain[name].verdict, verdict, answered_by, explanation] | @tsv' "$supervised" >"$TEST_TMP/verdicts.diff"
[ ! -s "$TEST_TMP/verdicts.diff" ] || fail "verdicts that differ under the supervisor: $(cat "$TEST_TMP/verdicts.diff")"
asked=$(r "$supervised" '[rows | select(filter_notified != null)] | length')
[ "$asked" -gt 0 ] || fail "under the supervisor no call was asked of the filters"
# shellcheck disable=SC2016 # $names are jq's variables
blind=$(rj --slurpfile p "$plain" '([$p[0] | rows] | map({(name): .}) | add) as $plain
  | [rows | select(answered_by != $plain[name].answered_by)] | length' "$supervised")
pass "all $rows verdicts equal, and every answerer but $blind ENOSYS rows'; $asked calls asked of the filters with TRACE under the supervisor"

rt_down_podman
left=$(pgrep -a -f "^[^ ]*syscall-probe-supervisor --socket $socket|conmon.*$RT_WORK" || true)
[ -z "$left" ] || fail "processes left: $left"
left=$(awk -v w="$RT_WORK" 'index($2, w) == 1 { print $2 }' /proc/mounts)
[ -z "$left" ] || fail "mounts left: $left"
pass "no supervisor, container, process or mount left"
