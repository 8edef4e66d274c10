#!/usr/bin/env bash
# scripts/fleet --engine swarm --local 3, for real: three Docker 26 daemons in
# containers on this machine, one global job, three reports grouped into one
# column "3 nodes"; no packet on any interface but lo of the nodes' namespace;
# nothing left behind.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
# shellcheck source=lib.sh
. "$here/lib.sh"
need_local_swarm
before=$(fleet_host_state)
out=$TEST_TMP/out
rc=0
"$SP_ROOT/scripts/fleet" --engine swarm --local 3 --out "$out" --image "$IMAGE" >"$TEST_TMP/table" 2>"$TEST_TMP/err" || rc=$?
cat "$TEST_TMP/err" >&2
expect_eq "scripts/fleet exit status" "$rc" 0

mapfile -t reports < <(find "$out/nodes" -name '*.json' ! -name '*-failed.json' | sort)
expect_eq "reports" "${#reports[@]}" 3
expect_eq "failure documents" "$(find "$out/nodes" -name '*-failed.json' | wc -l)" 0
validate_reports "${reports[@]}" || fail "a node's report does not validate"
# Each labelled with its node: the hostname the three share, then its node ID.
expect_eq "labels name the swarm's nodes" \
  "$(jq -r '.label | split("/")[1]' "${reports[@]}" | sort | tr '\n' ' ')" \
  "$(jq -r '.[].ID[0:12]' "$out/nodes.json" | sort | tr '\n' ' ')"
expect_eq "the engine in the report" "$(jq -r '.container.runtime' "${reports[@]}" | sort -u)" docker
expect_eq "table columns" "$(sed -n 1p "$out/fleet.md")" "| | syscall | since | 3 nodes |"
grep -q '^  host  *3 nodes$' "$TEST_TMP/table" || fail "the printed table has no single column '3 nodes'"
pass "one column: 3 nodes"
expect_no_packet "$out/net.json"
expect_eq "times.json nodes" "$(jq .nodes "$out/times.json")" 3
expect_left_nothing "$before"
finish
