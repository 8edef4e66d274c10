#!/usr/bin/env bash
# The one boot of each arm64 kernel per CTest run (fixture arm64_matrix):
#   scripts/matrix --hosts qemu --kernels bookworm-arm64,patched-6.1-arm64
# with the multi-arch name's linux/arm64 image (guest_boot picks NAME:TAG-arm64).
# Every arm64 guest test reads its reports; none boots a kernel again.
#   matrix_run.sh OUT_DIR
. "$(dirname "$0")/lib.sh"
[ $# -eq 1 ] || usage_error "usage: matrix_run.sh OUT_DIR"
out=$1
require_arm64_tools
docker info >/dev/null 2>&1 || skip_test "no Docker engine answers (scripts/engine start)"
[ "$(id -u)" -eq 0 ] || skip_test "arm64 guests (debootstrap, binfmt) need root"
docker image inspect "$MULTI-arm64" >/dev/null 2>&1 || fail "no $MULTI-arm64: run scripts/build-multiarch (CTest: arm64_multiarch)"
# scripts/matrix checks the name itself (and runs compare from it): the
# amd64 image of the same index.
docker image inspect "$MULTI" >/dev/null 2>&1 || docker tag "$MULTI-amd64" "$MULTI"
t0=$(date +%s)
"$SP_ROOT/scripts/matrix" --hosts qemu --kernels bookworm-arm64,patched-6.1-arm64 --image "$MULTI" \
  --out "$out" --guest-timeout 1500 >"$TEST_TMP/matrix.txt" 2>"$TEST_TMP/matrix.err" \
  || { cat "$TEST_TMP/matrix.err" >&2; fail "scripts/matrix failed"; }
cat "$TEST_TMP/matrix.txt"
for k in bookworm-arm64 patched-6.1-arm64; do
  [ ! -e "$out/$k-failed.json" ] || fail "$k failed in the matrix: $(jq -r .reason "$out/$k-failed.json")"
  for mode in unconfined default; do
    is_report "$out/$k-$mode.json" || fail "no valid $out/$k-$mode.json"
  done
done
pass "two arm64 guests, four reports in $(( $(date +%s) - t0 )) s (load $(cut -d' ' -f1-3 /proc/loadavg))"
