#!/usr/bin/env bash
# The plans and the gathering of scripts/fleet on recorded engine output
# (fixtures/: a real local swarm of three nodes, one with a node made to fail;
# kubectl output written from the API reference, checked against the
# Kubernetes models by manifest_test.sh), then compare --group of what was
# gathered. No engine runs.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
# shellcheck source=lib.sh
. "$here/lib.sh"
[ -x "${SYSCALL_PROBE_BIN:-}" ] || skip_test "SYSCALL_PROBE_BIN is not the probe (CTest sets it)"

# check_not DESCRIPTION COMMAND...: pass when COMMAND fails.
check_not() {
  local what=$1
  shift
  if "$@"; then fail_check "$what"; else pass "$what"; fi
}

# ---- swarm: three nodes, all complete --------------------------------------------
s=$FLEET_FIXTURES/swarm-local-3
fleet_swarm_plan "$s/nodes.json" "$s/tasks.json" >"$TEST_TMP/plan"
expect_eq "swarm plan: one line per node" "$(wc -l <"$TEST_TMP/plan")" 3
expect_eq "swarm plan: every node gives its report" "$(jq -r .why "$TEST_TMP/plan" | sort -u)" ""
expect_eq "swarm plan: each label is the shared hostname and the node ID" \
  "$(jq -r '.label == "\(.label | split("/")[0])/\(.node[0:12])"' "$TEST_TMP/plan" | sort -u)" true
expect_eq "swarm plan: labels differ" "$(jq -r .label "$TEST_TMP/plan" | sort -u | wc -l)" 3
check "swarm: done" fleet_swarm_done "$s/nodes.json" "$s/tasks.json"
jq '.[0].Status.State = "running"' "$s/tasks.json" >"$TEST_TMP/running.json"
check_not "swarm: not done while a task runs" fleet_swarm_done "$s/nodes.json" "$TEST_TMP/running.json"
jq '.[1:]' "$s/tasks.json" >"$TEST_TMP/two.json"
check_not "swarm: not done while a Ready node has no task" fleet_swarm_done "$s/nodes.json" "$TEST_TMP/two.json"
jq -c 'select(.task == null) | .why' < <(fleet_swarm_plan "$s/nodes.json" "$TEST_TMP/two.json") >"$TEST_TMP/why"
expect_eq "swarm plan: a node without a task says so" "$(cat "$TEST_TMP/why")" '"no task on this node (node Ready, Active)"'

# ---- swarm: a node made to fail --------------------------------------------------
f=$FLEET_FIXTURES/swarm-failed-node
fleet_swarm_plan "$f/nodes.json" "$f/tasks.json" >"$TEST_TMP/plan-failed"
expect_eq "failed node: two reports" "$(jq -r 'select(.why == "") | .label' "$TEST_TMP/plan-failed" | wc -l)" 2
why=$(jq -r 'select(.why != "") | .why' "$TEST_TMP/plan-failed")
case $why in "task failed: exit "*|"task rejected"*) pass "failed node: $why" ;; *) fail "failed node: '$why'" ;; esac

# ---- kubernetes -------------------------------------------------------------------
k=$FLEET_FIXTURES/kubectl
fleet_k8s_plan "$k/nodes.json" "$k/pods.json" probe >"$TEST_TMP/k8s"
expect_eq "k8s plan: the Linux nodes, the Windows node left out" "$(jq -r .node "$TEST_TMP/k8s" | tr '\n' ' ')" \
  "node-a node-b node-c node-d "
expect_eq "k8s plan: reports of the two whose probe ended with exit 0" \
  "$(jq -r 'select(.why == "") | .pod' "$TEST_TMP/k8s" | tr '\n' ' ')" "syscall-probe-7xk2p syscall-probe-q9w4d "
expect_eq "k8s plan: the image that cannot be pulled" "$(jq -r 'select(.node == "node-c") | .why' "$TEST_TMP/k8s")" \
  'the probe is waiting: ImagePullBackOff: Back-off pulling image "ghcr.io/syscall-probe/syscall-probe:0.4.0"'
expect_eq "k8s plan: the node without a pod" "$(jq -r 'select(.node == "node-d") | .why' "$TEST_TMP/k8s")" \
  "no pod on this node (a taint not tolerated, or not scheduled yet)"
check "k8s: done (two ended, one will never pull)" fleet_k8s_done "$k/daemonsets.json" "$k/pods.json" probe
jq '.items[0].status.initContainerStatuses[0].state = {"running": {"startedAt": "2026-12-08T00:00:05Z"}}' \
  "$k/pods.json" >"$TEST_TMP/pods-running.json"
check_not "k8s: not done while a probe runs" fleet_k8s_done "$k/daemonsets.json" "$TEST_TMP/pods-running.json" probe
jq '.items |= .[1:]' "$k/pods.json" >"$TEST_TMP/pods-two.json"
check_not "k8s: not done while the DaemonSet lacks a pod" fleet_k8s_done "$k/daemonsets.json" "$TEST_TMP/pods-two.json" probe

# ---- gathering: what kubectl logs would print, from recorded reports ------------------
mkdir -p "$TEST_TMP/logs" "$TEST_TMP/nodes" "$TEST_TMP/raw"
cp "$SP_ROOT/probe/test/fixtures/reports/matrix/bookworm-default.json" "$TEST_TMP/logs/syscall-probe-7xk2p"
cp "$SP_ROOT/probe/test/fixtures/reports/matrix/bookworm-default.json" "$TEST_TMP/logs/syscall-probe-q9w4d"
# The fetch command: `sh -c SCRIPT LOGS POD` prints LOGS/POD.
# shellcheck disable=SC2016 # expanded by that sh
fetch=(sh -c 'cat "$0/$1"' "$TEST_TMP/logs")
mapfile -t files < <(fleet_gather "$TEST_TMP/k8s" "$TEST_TMP/nodes" "$TEST_TMP/raw" "${fetch[@]}" 2>"$TEST_TMP/gather.err")
expect_eq "gathered: a file per node" "$(printf '%s\n' "${files[@]##*/}" | tr '\n' ' ')" \
  "node-a.json node-b.json node-c-failed.json node-d-failed.json "
expect_eq "gathered reports carry the node's name" "$(jq -r .label "$TEST_TMP/nodes/node-a.json" "$TEST_TMP/nodes/node-b.json" | tr '\n' ' ')" \
  "node-a node-b "
expect_eq "gathered: the report as the probe wrote it but for its label" \
  "$(jq -c 'del(.label)' "$TEST_TMP/nodes/node-a.json" | md5sum)" \
  "$(jq -c 'del(.label)' "$TEST_TMP/logs/syscall-probe-7xk2p" | md5sum)"
validate_failure "$TEST_TMP/nodes/node-c-failed.json"
validate_failure "$TEST_TMP/nodes/node-d-failed.json"
# A pod whose log is not a whole report (a log cut short) is a failure too.
head -c 1500 "$TEST_TMP/logs/syscall-probe-7xk2p" >"$TEST_TMP/cut"
mv "$TEST_TMP/cut" "$TEST_TMP/logs/syscall-probe-7xk2p"
fleet_gather "$TEST_TMP/k8s" "$TEST_TMP/nodes" "$TEST_TMP/raw" "${fetch[@]}" >/dev/null 2>&1
expect_eq "a log cut short" "$(jq -r .reason "$TEST_TMP/nodes/node-a-failed.json")" \
  "no whole report in the logs of syscall-probe-7xk2p (1500 bytes)"
[ ! -e "$TEST_TMP/nodes/node-a.json.tmp" ] || fail "a half-written report was left"
rm "$TEST_TMP/nodes/node-a-failed.json"

# ---- failure documents after the reports, each in the plan's order ----------------
expect_eq "failures last" "$(fleet_failures_last a-failed.json b.json c-failed.json d.json | paste -sd' ')" \
  "b.json d.json a-failed.json c-failed.json"

# ---- the table: identical nodes in one column --------------------------------------
"$SYSCALL_PROBE_BIN" compare --group --format markdown "${files[@]}" >"$TEST_TMP/table.md"
expect_eq "table columns" "$(sed -n 1p "$TEST_TMP/table.md")" "| | syscall | since | 2 nodes | node-c | node-d |"
grep -q '^|  | \*nodes\* |  | node-a, node-b | — | — |$' "$TEST_TMP/table.md" || fail "no nodes row naming node-a, node-b"
grep -q '^|  | \*kernel\* |  | 6.1.0-50-cloud-amd64 | FAILED: the probe is waiting: ImagePullBackOff' "$TEST_TMP/table.md" \
  || fail "no FAILED cell for node-c"
pass "compare --group: 2 nodes, node-c and node-d failed"
finish
