#!/usr/bin/env bash
# scripts/fleet --engine swarm --local 3 stopped by SIGTERM, once while the
# swarm stands up and once while the job runs: exit 130, and nothing left
# behind either time (containers, networks, swarm state, mounts, processes).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
# shellcheck source=lib.sh
. "$here/lib.sh"
need_local_swarm
before=$(fleet_host_state)

# stop_at LINE: run scripts/fleet, SIGTERM it once its progress shows LINE.
stop_at() {
  local line=$1 pid rc=0
  "$SP_ROOT/scripts/fleet" --engine swarm --local 3 --out "$TEST_TMP/out" --image "$IMAGE" \
    >/dev/null 2>"$TEST_TMP/err" &
  pid=$!
  wait_for 120 "'$line' from scripts/fleet" grep -q "$line" "$TEST_TMP/err" \
    || { kill_tree "$pid"; cat "$TEST_TMP/err" >&2; fail "scripts/fleet never said '$line'"; }
  kill -TERM "$pid"
  # Its cleanup stops the daemons (docker stop -t 30 each at most).
  wait_for 300 "scripts/fleet to end" bash -c "! kill -0 $pid 2>/dev/null" || { kill_tree "$pid"; fail "scripts/fleet did not end"; }
  wait "$pid" || rc=$?
  expect_eq "exit status after SIGTERM at '$line'" "$rc" 130
  expect_left_nothing "$before"
}
stop_at "standing up 3 local node"
stop_at "global job"
finish
