#!/usr/bin/env bash
# The arm64 binary under qemu-aarch64-static on this x86_64 host, next to the
# native build on the same kernel: the native probe sees no emulator and
# finds calls implemented that qemu-user 7.2 refuses with ENOSYS; the emulated
# one names qemu-user and never calls them absent.
. "$(dirname "$0")/lib.sh"
require_arm64_tools
[ -x "$ARM64_BIN" ] || fail "no $ARM64_BIN: run scripts/build-arm64 (CTest: arm64_unit)"
native=${SYSCALL_PROBE_BIN:-$SP_ROOT/build/dev/probe/syscall-probe}
[ -x "$native" ] || fail "no native probe $native (SYSCALL_PROBE_BIN)"
[ "$(uname -m)" = x86_64 ] || skip_test "qemu-user here only stands in for another arch on x86_64 (this is $(uname -m))"

timeout 300 "$native" --format json --syscalls all >"$TEST_TMP/native.json" || fail "native probe failed"
timeout 600 qemu-aarch64-static "$ARM64_BIN" --format json --syscalls all >"$TEST_TMP/out" 2>"$TEST_TMP/err" \
  || fail "arm64 probe under qemu-aarch64-static failed: $(head -c 2000 "$TEST_TMP/err")"
validate_reports "$TEST_TMP/native.json" "$TEST_TMP/out" || fail "a report does not match docs/report.schema.json"

expect_eq "native: emulated" "$(jq -r .emulation.emulated "$TEST_TMP/native.json")" false
expect_qemu_user "qemu-aarch64-static"
expect_eq "kernel seen through qemu" "$(j .kernel.release)" "$(uname -r)"
expect_eq "own syscall" "$(j .syscall.verdict)" absent-or-blocked
j .syscall.explanation | grep -q 'qemu-user' || fail "the explanation does not name qemu-user: $(j .syscall.explanation)"
expect_no_absent "qemu-aarch64-static"

# The trap itself: calls this kernel implements (native verdict) that the
# emulator refuses with ENOSYS. There must be some (qemu 7.2 predates
# cachestat, 6.5), and each must read absent-or-blocked, not absent.
trapped=$(jq -r --slurpfile n "$TEST_TMP/native.json" '
  [.catalogue[] | select(.outcome.errno_name == "ENOSYS") | .name as $x
   | select(any($n[0].catalogue[]; .name == $x and .verdict == "implemented")) | "\(.name)=\(.verdict)"]
  | join(" ")' "$TEST_TMP/out")
[ -n "$trapped" ] || fail "no call that the kernel implements got ENOSYS from qemu-user: the trap is not shown"
case " $trapped " in *=absent\ *) fail "emulator ENOSYS read as absent: $trapped" ;; esac
pass "kernel has them, qemu-user said ENOSYS: $trapped"
