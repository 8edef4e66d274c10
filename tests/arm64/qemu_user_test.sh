#!/usr/bin/env bash
# The arm64 binary under qemu-aarch64-static on this x86_64 host, next to the
# native build on the same kernel: the native probe sees no emulator and
# finds calls implemented that qemu-user 7.2 refuses with ENOSYS; the emulated
# one names qemu-user and reads them absent because the emulator lacks them
# (the x86_64 kernel's own symbol found), never because the kernel does.
. "$(dirname "$0")/lib.sh"
require_arm64_tools
[ -x "$ARM64_BIN" ] || fail "no $ARM64_BIN: run scripts/build-arm64 (CTest: arm64_unit)"
native=${SYSCALL_PROBE_BIN:-$SP_ROOT/build/dev/probe/syscall-probe}
[ -x "$native" ] || fail "no native probe $native (SYSCALL_PROBE_BIN)"
[ "$(uname -m)" = x86_64 ] || skip_test "qemu-user here only stands in for another arch on x86_64 (this is $(uname -m))"

# Both censuses as uid 65534: never with privileges on this host.
dir=$(nobody_dir)
cp "$native" "$dir/native"
cp "$ARM64_BIN" "$dir/arm64"
as_nobody "$TEST_TMP/native.json" "$TEST_TMP/native.err" "$dir/native" --format json --syscalls all \
  || fail "native probe failed: $(head -c 2000 "$TEST_TMP/native.err")"
as_nobody "$TEST_TMP/out" "$TEST_TMP/err" qemu-aarch64-static "$dir/arm64" --format json --syscalls all \
  || fail "arm64 probe under qemu-aarch64-static failed: $(head -c 2000 "$TEST_TMP/err")"
validate_reports "$TEST_TMP/native.json" "$TEST_TMP/out" || fail "a report does not match docs/report.schema.json"

expect_eq "native: emulated" "$(rj emulated "$TEST_TMP/native.json")" false
expect_qemu_user "qemu-aarch64-static"
expect_eq "kernel seen through qemu" "$(j release)" "$(uname -r)"
# qemu-user knows no 548: its ENOSYS, and the host kernel's symbol decides.
expect_eq "own syscall symbol" "$(j 'own | symbol')" __x64_sys_syscall_probe
expect_eq "own syscall" "$(j 'own | verdict')" absent
j 'own | explanation' | grep -q 'qemu-user' || fail "the explanation does not name qemu-user: $(j 'own | explanation')"
expect_emulator_verdicts "qemu-aarch64-static"

# The trap: calls this kernel implements (native verdict) that the emulator
# refuses with ENOSYS. There must be some (qemu 7.2 predates cachestat,
# 6.5); each reads absent because the emulator lacks it, the x86_64
# kernel's symbol found, never as the kernel lacking it.
# shellcheck disable=SC2016 # $names are jq's variables
trapped=$(rj --slurpfile n "$TEST_TMP/native.json" '
  [rows | select(errno_name == "ENOSYS") | name as $x
   | select(any($n[0] | rows; name == $x and verdict == "implemented"))
   | select(name != "ioctl")  # qemu 7.2 refuses the command, not the call
   | "\(name)=\(verdict):\(has_symbol)"]
  | join(" ")' "$TEST_TMP/out")
[ -n "$trapped" ] || fail "no call that the kernel implements got ENOSYS from qemu-user: the trap is not shown"
for row in $trapped; do
  [ "${row#*=}" = absent:true ] || fail "emulator ENOSYS not read as the emulator lacking a call the host has: $row"
done
pass "kernel has them, qemu-user said ENOSYS, read absent (the emulator lacks them): $trapped"
