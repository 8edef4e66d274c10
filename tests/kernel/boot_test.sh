#!/usr/bin/env bash
# Boot the patched kernel with a one-file root whose /init calls the syscall.
. "$(dirname "$0")/../lib.sh"
. "$SP_ROOT/scripts/lib/guest.sh"

usage() {
  cat <<EOF2
usage: $(basename "$0") [VERSION]

Boots scripts/build-kernel's bzImage (VERSION 6.1 by default) under QEMU (TCG)
with an ext4 root holding only a static /init that calls syscall_probe(42)
and syscall_probe(2^32); checks the verified value, -EINVAL, and the kernel
log line on the serial console, then the restart that ends the VM (-no-reboot).
Exit codes: 0 pass, 1 fail, 77 skip (no QEMU or no static libc).
EOF2
}
case ${1:-} in -h|--help) usage; exit 0 ;; esac
VERSION=${1:-6.1}
HEADER_DIR=$SP_ROOT/kernel/include/uapi

command -v qemu-system-x86_64 >/dev/null || skip_test "no qemu-system-x86_64"
command -v mke2fs >/dev/null || skip_test "no mke2fs"
[ -f /usr/lib/x86_64-linux-gnu/libc.a ] || skip_test "no static libc (libc6-dev)"

TMP=$TEST_TMP
trap 'qemu_kill; rm -rf "$TMP"' EXIT

bz=$("$SP_ROOT/scripts/build-kernel" --version "$VERSION" --print-path) || fail "build-kernel failed"
mkdir -p "$TMP/root/dev" "$TMP/root/proc"
gcc -static -Os -o "$TMP/root/init" -I "$HEADER_DIR" "$(dirname "$0")/syscall_init.c" || fail "cannot build /init"
mke2fs -q -t ext4 -d "$TMP/root" "$TMP/root.img" 16M >/dev/null || fail "mke2fs failed"

# The same machine as every guest (qemu_command), one vCPU.
SYSCALL_PROBE_QEMU_SMP=1 qemu_command tcg "$TMP/console.log" 256 "$bz" "" \
  "console=ttyS0 root=/dev/vda rw init=/init panic=-1 loglevel=7" "$TMP/root.img:raw"
rc=0
qemu_boot 300 "$TMP/qemu.log" || rc=$?
[ "$rc" -ne 124 ] || fail "guest did not restart (QEMU exit) within 300 s; console: $(tail -n5 "$TMP/console.log")"

magic=$(awk '$2 == "SYSCALL_PROBE_MAGIC" { sub(/UL$/, "", $3); print $3 }' "$HEADER_DIR/linux/syscall_probe.h")
want=$(( 42 ^ magic ))
tr -d '\r' <"$TMP/console.log" >"$TMP/console.txt"
line=$(grep -a '^SP-RESULT' "$TMP/console.txt") || fail "no SP-RESULT on the console: $(tail -n20 "$TMP/console.log")"
echo "$line"
[ "$line" = "SP-RESULT ok=$want ok_errno=0 big=-1 big_errno=22" ] \
  || fail "expected ok=$want and big=-1 errno 22 (EINVAL), got: $line"
grep -aq 'syscall-probe: number 42$' "$TMP/console.txt" || fail "kernel log line 'syscall-probe: number 42' not on the console"
grep -aq 'reboot: Restarting system' "$TMP/console.txt" || fail "the guest did not end by reboot(2)"
echo "PASS: $(basename "$(dirname "$bz")"): syscall_probe(42) = $want, 2^32 -> EINVAL, log line seen, restarted (QEMU exited)"
