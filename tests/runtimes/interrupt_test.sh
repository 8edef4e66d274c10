#!/usr/bin/env bash
# An interrupted run leaves nothing behind: Ctrl-C (SIGINT to the process
# group) once the docker-current daemon container, containerd, podman-current's
# container and rootful podman are all up, then no daemon, container, process
# or mount may remain.
. "$(dirname "$0")/lib.sh" "$@"

[ "$(id -u)" -eq 0 ] || skip_test "scripts/runtimes needs root"
docker info >/dev/null 2>&1 || skip_test "no Docker engine answers (scripts/engine start)"

# Job control: the run leads its own process group, as under a terminal
# (a background job of a script would ignore SIGINT).
set -m
"$SP_ROOT/scripts/runtimes" --runtimes docker-current,containerd,podman-current,podman --out "$TEST_TMP/out" \
  --image "$IMAGE" >/dev/null 2>"$TEST_TMP/err" &
pid=$!
set +m
up() { grep -q '^\[.*\] podman: podman ' "$TEST_TMP/err"; }
if ! wait_for 300 "the four runtimes to be up" up; then
  kill -KILL -- "-$pid" 2>/dev/null || true
  cat "$TEST_TMP/err" >&2
  fail "the runtimes did not come up"
fi
[ -n "$(docker ps --filter name=sp-runtimes- -q)" ] || fail "no daemon container while running"
[ -n "$(docker ps --filter name=sp-podman- -q)" ] || fail "no podman-current container while running"
pass "docker-current's daemon, containerd, podman-current and podman up; interrupting"
kill -INT -- "-$pid"
rc=0
timeout 120 tail --pid="$pid" -f /dev/null || fail "scripts/runtimes still running 120 s after SIGINT"
wait "$pid" || rc=$?
# 130 when the shell takes the signal itself; a child that catches SIGINT
# and exits with its own status (podman: 2) may end the run first (set -e).
[ "$rc" -ne 0 ] || fail "scripts/runtimes exited 0 after SIGINT"
pass "scripts/runtimes stopped after SIGINT (exit $rc)"
no_leftovers
