#!/usr/bin/env bash
# A runtime that cannot start is a column saying so, not a crash: podman made
# to fail (a `podman` first on PATH that exits 1) next to docker, which works.
. "$(dirname "$0")/lib.sh" "$@"

[ "$(id -u)" -eq 0 ] || skip_test "scripts/runtimes needs root"
docker info >/dev/null 2>&1 || skip_test "no Docker engine answers (scripts/engine start)"
mkdir -p "$TEST_TMP/bin"
printf '#!/bin/sh\necho "podman: broken on purpose by %s" >&2\nexit 1\n' "$(basename "$0")" >"$TEST_TMP/bin/podman"
chmod +x "$TEST_TMP/bin/podman"

rc=0
PATH=$TEST_TMP/bin:$PATH "$SP_ROOT/scripts/runtimes" --runtimes podman,docker --out "$TEST_TMP/out" \
  --image "$IMAGE" >"$TEST_TMP/table" 2>"$TEST_TMP/err" || rc=$?
[ "$rc" -eq 0 ] || { cat "$TEST_TMP/err" >&2; fail "scripts/runtimes exited $rc with one failed runtime"; }
f=$TEST_TMP/out/podman-failed.json
[ -f "$f" ] || fail "no $f"
expect_eq "failure document" "$(jq -r '.schema + " " + .label' "$f")" "syscall-probe/host-failure podman"
validate_failure "$f"
expect_eq "reason" "$(jq -r .reason "$f")" "podman could not start: exit 1: podman: broken on purpose by $(basename "$0")"
expect_eq "exit status kept" "$(jq -r .run.exit_status "$f")" 1
expect_eq "stderr kept" "$(jq -r '.run.stderr.tail | last' "$f")" "podman: broken on purpose by $(basename "$0")"
grep -q 'FAILED: podman could not start' "$TEST_TMP/out/runtimes.txt" || fail "the text table has no failure column"
grep -q 'class="failed"' "$TEST_TMP/out/runtimes.html" || fail "the html table has no failure column"
for p in default unconfined; do
  [ -s "$TEST_TMP/out/docker-$p.json" ] || fail "docker $p has no report next to the failed runtime"
done
pass "podman is a FAILED column, docker's two columns are there"
no_leftovers
