#!/usr/bin/env bash
# A host that cannot be run is a column saying so, not a crash: scripts/matrix
# with a kernel that cannot be built (patched-0.0) still writes its tables.
#   failed_host_test.sh OUT_DIR
. "$(dirname "$0")/../lib.sh"

[ $# -eq 1 ] || usage_error "usage: failed_host_test.sh OUT_DIR"
out=$1
rm -rf "$out"
rc=0
"$SP_ROOT/scripts/matrix" --hosts qemu --kernels patched-0.0 --label patched-0.0=no-such-kernel \
  --out "$out" >"$out.stdout" 2>"$out.stderr" || rc=$?
trap 'rm -rf "$TEST_TMP"; [ $? -eq 0 ] || cat "$out.stderr" >&2' EXIT
[ "$rc" = 0 ] || fail "scripts/matrix exited $rc with one failed host"
f=$out/no-such-kernel-failed.json
[ -f "$f" ] || fail "no $f"
[ "$(jq -r '.schema + " " + .label' "$f")" = "syscall-probe/host-failure no-such-kernel" ] || fail "bad failure document"
validate_failure "$f"
grep -q 'no-such-kernel' "$out.stdout" || fail "the printed table has no column for the failed host"
grep -q 'FAILED: scripts/build-kernel --version 0.0' "$out/matrix.txt" || fail "the column does not say why"
grep -q 'FAILED' "$out/matrix.md" || fail "markdown lacks the failure"
grep -q 'class="failed"' "$out/matrix.html" || fail "html lacks the failure"
grep -q 'no-such-kernel: FAILED' "$out.stderr" || fail "no progress line for the failed host"
echo "ok: a host that failed is a column saying so"
