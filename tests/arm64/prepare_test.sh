#!/usr/bin/env bash
# What the arm64 guests need, built before any boot and outside the
# docker/qemu locks, so that CTest runs it beside the Docker tests:
#   kernel  the patched 6.1 kernel, cross-built (scripts/build-kernel --arch arm64;
#           CPU-bound, the long one cold)
#   guest   the arm64 Debian root with Docker (scripts/build-guest --arch arm64:
#           debootstrap --foreign + unpacked on the host: network and disk)
#           and Debian's stock cloud-arm64 kernel (scripts/internal/stock-kernel
#           --arch arm64 bookworm)
# Each prints what it cost ("cost: N s"): a cached part costs seconds.
. "$(dirname "$0")/lib.sh"
[ $# -eq 1 ] || usage_error "usage: prepare_test.sh kernel|guest"
require_arm64_tools
t0=$(date +%s)
case $1 in
  kernel)
    kernel=$("$SP_ROOT/scripts/build-kernel" --arch arm64 --version 6.1 --print-path) \
      || fail "scripts/build-kernel --arch arm64 --version 6.1 failed"
    [ -s "$kernel" ] || fail "build-kernel printed '$kernel', not a kernel"
    pass "patched arm64 kernel: $kernel" ;;
  guest)
    [ "$(id -u)" -eq 0 ] || skip_test "building an arm64 guest root (debootstrap) needs root"
    rootfs=$("$SP_ROOT/scripts/build-guest" --arch arm64 --print-path) || fail "scripts/build-guest --arch arm64 failed"
    pass "arm64 guest root: $rootfs"
    "$SP_ROOT/scripts/internal/stock-kernel" --arch arm64 bookworm >"$TEST_TMP/stock.json" \
      || fail "scripts/internal/stock-kernel --arch arm64 bookworm failed"
    pass "stock arm64 kernel: $(jq -r .release "$TEST_TMP/stock.json")" ;;
  *) usage_error "prepare_test.sh: unknown part '$1' (kernel or guest)" ;;
esac
echo "cost: $(( $(date +%s) - t0 )) s ($1; load $(cut -d' ' -f1-3 /proc/loadavg))"
