#!/usr/bin/env bash
# A node made to fail: a local swarm of three (fleet_local_up), node 3's copy
# of the image replaced by an empty one of the same name, so that its task
# cannot start; then scripts/fleet --engine swarm on that swarm as on any
# other (DOCKER_HOST: the manager). Two reports in one column, node 3 a
# FAILED column; no packet on any interface but lo, read by the test itself
# before and after; nothing left behind.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
# shellcheck source=lib.sh
. "$here/lib.sh"
need_local_swarm
before=$(fleet_host_state)
image=$(image_ref "$IMAGE")
image_ensure "$image"
image_tar "$image"
work=$(mktemp -d "${TMPDIR:-/tmp}/sp-fleet.XXXXXX")
trap 'fleet_local_down; rm -rf --one-file-system "$work"; rm -rf "$TEST_TMP"' EXIT
fleet_local_up 3 "$work" "$IMAGE_TAR" || fail "the local swarm could not be stood up"
fleet_local_docker 3 rmi "$image" >/dev/null
tar -cf - -T /dev/null | fleet_local_docker 3 import - "$image" >/dev/null
pass "node 3's $image is an empty image"
fleet_local_counters >"$TEST_TMP/net-before.json"

out=$TEST_TMP/out
rc=0
"${FLEET_SWARM_ENV[@]}" "$SP_ROOT/scripts/fleet" --engine swarm --out "$out" --image "$image" >"$TEST_TMP/table" \
  2>"$TEST_TMP/err" || rc=$?
cat "$TEST_TMP/err" >&2
expect_eq "scripts/fleet exit status" "$rc" 0
fleet_local_counters >"$TEST_TMP/net-after.json"
jq -n --slurpfile b "$TEST_TMP/net-before.json" --slurpfile a "$TEST_TMP/net-after.json" \
  '{"before": $b[0], "after": $a[0]}' >"$TEST_TMP/net.json"
expect_no_packet "$TEST_TMP/net.json"

node3=$(fleet_local_docker 3 info --format '{{.Swarm.NodeID}}')
mapfile -t failed < <(find "$out/nodes" -name '*-failed.json')
expect_eq "failure documents" "${#failed[@]}" 1
validate_failure "${failed[0]}"
expect_eq "the failed node" "$(jq -r '.label | split("/")[1]' "${failed[0]}")" "${node3:0:12}"
reason=$(jq -r .reason "${failed[0]}")
case $reason in "task failed: exit "*|"task rejected"*) pass "reason: $reason" ;; *) fail "reason: '$reason'" ;; esac
expect_eq "reports" "$(find "$out/nodes" -name '*.json' ! -name '*-failed.json' | wc -l)" 2
expect_eq "table columns" "$(sed -n 1p "$out/fleet.md")" "| | syscall | since | 2 nodes | $(jq -r .label "${failed[0]}") |"
grep -q "^|  | \*kernel\* |  | [^|]* | FAILED: task " "$out/fleet.md" || fail "no FAILED kernel cell for node 3"
pass "2 nodes, node 3 FAILED"

fleet_local_down
rm -rf --one-file-system "$work"
expect_left_nothing "$before"
finish
