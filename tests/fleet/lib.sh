# shellcheck shell=bash
# What tests/fleet alone shares: the fleet block with what it needs sourced,
# and the check that a local swarm left nothing behind. After ../lib.sh.
# shellcheck source=../../scripts/lib/tables.sh
. "$SP_ROOT/scripts/lib/tables.sh"
# shellcheck source=../../scripts/lib/runtimes.sh
. "$SP_ROOT/scripts/lib/runtimes.sh"
# shellcheck source=../../scripts/lib/fleet.sh
. "$SP_ROOT/scripts/lib/fleet.sh"

# shellcheck disable=SC2034 # read by the tests that source this file
FLEET_FIXTURES=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/fixtures

# need_local_swarm: skip unless a local swarm can stand up here (root, an engine).
need_local_swarm() {
  [ "$(id -u)" = 0 ] || skip_test "a local swarm needs root (daemon containers, nsenter)"
  docker info >/dev/null 2>&1 || skip_test "no Docker engine"
}

# fleet_host_state: what a local swarm must not leave on the host's engine
# and machine, one line each: the engine's networks and swarm state, its
# containers named sp-fleet-*, mounts of a daemon's folder, processes of a
# swarm daemon or census (one JSON object).
fleet_host_state() {
  jq -n --arg networks "$(docker network ls --format '{{.Name}}' | sort | tr '\n' ' ')" \
    --arg swarm "$(docker info --format '{{.Swarm.LocalNodeState}}')" \
    --arg containers "$(docker ps -a --filter name=sp-fleet- --format '{{.Names}}' | tr '\n' ' ')" \
    --arg mounts "$(awk '$2 ~ /sp-fleet\./ { print $2 }' /proc/mounts | tr '\n' ' ')" \
    --arg processes "$(pgrep -a -f 'sp-fleet\.|sp-census-' | grep -v pgrep | tr '\n' ' ' || true)" \
    '{$networks, $swarm, $containers, $mounts, $processes}'
}

# expect_left_nothing BEFORE: the host's state is BEFORE (fleet_host_state),
# with no fleet container, mount or process.
expect_left_nothing() {
  local after
  after=$(fleet_host_state)
  expect_eq "host state after the run" "$after" "$1"
  expect_eq "fleet containers, mounts, processes" \
    "$(jq -r '.containers + .mounts + .processes' <<<"$after")" ""
}

# expect_no_packet NET: NET ({before, after}: fleet_local_counters read twice)
# lists the same counters twice: no packet on any interface but lo.
expect_no_packet() {
  local n
  n=$(jq '.before | length' "$1")
  expect_eq "non-loopback counters unchanged ($n interface(s): $(jq -c '[.before[] | "\(.ifname) tx \(.tx_packets) rx \(.rx_packets)"]' "$1"))" \
    "$(jq -c '.after' "$1")" "$(jq -c '.before' "$1")"
}
