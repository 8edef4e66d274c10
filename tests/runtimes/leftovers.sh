# shellcheck shell=bash
# no_leftovers: after scripts/runtimes, no daemon container, containerd, conmon
# or mount of it remains (sourced by the tests).
no_leftovers() {
  local left
  left=$(docker ps -a --filter name=sp-runtimes- --format '{{.Names}}')
  [ -z "$left" ] || fail "daemon container(s) left: $left"
  left=$(pgrep -a -f 'containerd --config /tmp/sp-runtimes\.|conmon.*sp-runtimes\.' || true)
  [ -z "$left" ] || fail "processes left: $left"
  left=$(awk '$2 ~ "^/tmp/sp-runtimes\\." { print $2 }' /proc/mounts)
  [ -z "$left" ] || fail "mounts left: $left"
  left=$(find "${TMPDIR:-/tmp}" -maxdepth 1 -name 'sp-runtimes.*' 2>/dev/null)
  [ -z "$left" ] || fail "work folders left: $left"
  pass "no daemon, container, process, mount or work folder left"
}
