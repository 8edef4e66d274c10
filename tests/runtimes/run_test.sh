#!/usr/bin/env bash
# Fixture: scripts/runtimes once, every runtime, into $SP_RUNTIMES_OUT; then
# nothing of it may be left running or mounted.
. "$(dirname "$0")/lib.sh" "$@"

[ "$(id -u)" -eq 0 ] || skip_test "scripts/runtimes needs root"
docker info >/dev/null 2>&1 || skip_test "no Docker engine answers (scripts/engine start)"
docker image inspect "$IMAGE" >/dev/null 2>&1 || fail "image $IMAGE is missing: run scripts/build-image"

rc=0
"$SP_ROOT/scripts/runtimes" --out "$OUT" --image "$IMAGE" >"$TEST_TMP/table" 2>"$TEST_TMP/err" || rc=$?
cat "$TEST_TMP/err" >&2
[ "$rc" -eq 0 ] || fail "scripts/runtimes exited $rc"
for rt in "${RT_ALL[@]}"; do
  for profile in default unconfined; do
    [ -s "$OUT/$rt-$profile.json" ] || fail "no report for $rt $profile: $(cat "$OUT"/"$rt"*-failed.json 2>/dev/null)"
  done
  [ -s "$OUT/profiles/$rt.source" ] || fail "no profile source for $rt"
done
pass "$((2 * ${#RT_ALL[@]})) reports, ${#RT_ALL[@]} profile sources"
for f in runtimes.txt runtimes.md runtimes.html; do [ -s "$OUT/$f" ] || fail "no $OUT/$f"; done
head -n 3 "$OUT/runtimes.txt" | cut -c1-200
grep -q 'docker 26\.' "$OUT/runtimes.txt" || fail "no column head names Docker 26"
grep -q 'podman 4\..*/crun' "$OUT/runtimes.txt" || fail "no column head names podman 4 and crun"
grep -q 'podman 5\..*/crun 1\.2' "$OUT/runtimes.txt" || fail "no column head names podman 5 and crun 1.2x"
pass "tables written, column heads name engine and runtime versions"
no_leftovers
