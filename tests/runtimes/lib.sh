# shellcheck shell=bash
# Shared by tests/runtimes/*_test.sh only: the reports scripts/runtimes wrote
# (the runtimes_run fixture) into the folder every test gets as its first
# argument.
#   . "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
# RT_ALL: every runtime scripts/runtimes knows.
# shellcheck source=../../scripts/lib/runtimes.sh
. "$SP_ROOT/scripts/lib/runtimes.sh"

OUT=${1:?usage: $(basename "$0") OUT-DIR ...: the folder runtimes_run writes}

# report RUNTIME PROFILE: print the path of its report; fail if the run failed.
report() {
  local f=$OUT/$1-$2.json
  if [ -f "$f" ]; then echo "$f"; return 0; fi
  if [ -f "$OUT/$1-failed.json" ] || [ -f "$OUT/$1-$2-failed.json" ]; then
    fail "$1 $2 has no report: $(jq -r .reason "$OUT/$1-failed.json" "$OUT/$1-$2-failed.json" 2>/dev/null | head -n1)"
  fi
  fail "no $f: did runtimes_run run?"
}

# r FILE FILTER: jq -r FILTER on FILE.
r() { rj "$2" "$1"; }

# no_leftovers: after scripts/runtimes, no daemon or podman container, containerd, conmon
# containerd's logging binary, or mount of it remains.
no_leftovers() {
  local left
  left=$(docker ps -a --filter name=sp-runtimes- --filter name=sp-podman- --format '{{.Names}}')
  [ -z "$left" ] || fail "daemon container(s) left: $left"
  left=$(pgrep -a -f 'containerd --config /tmp/sp-runtimes\.|conmon.*sp-runtimes\.|ctr-logger out /tmp/sp-runtimes\.' || true)
  [ -z "$left" ] || fail "processes left: $left"
  left=$(awk '$2 ~ "^/tmp/sp-runtimes\\." { print $2 }' /proc/mounts)
  [ -z "$left" ] || fail "mounts left: $left"
  left=$(find "${TMPDIR:-/tmp}" -maxdepth 1 -name 'sp-runtimes.*' 2>/dev/null)
  [ -z "$left" ] || fail "work folders left: $left"
  pass "no daemon, container, process, mount or work folder left"
}
