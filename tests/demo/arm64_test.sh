#!/usr/bin/env bash
# scripts/demo --arch arm64 for real, on an x86_64 host: the linux/arm64 image
# runs here under qemu-user (the probe names the emulator, and no verdict
# blames the kernel), then on the patched arm64 6.1 kernel in
# qemu-system-aarch64 (implemented, verified, the kernel's log line; blocked
# under Docker's profile). First `--arch arm64 --host-only` (no VM column),
# then the whole demo. The kernel and the guest root come from the arm64
# fixtures (tests/arm64: arm64_kernel, arm64_guest), cached.
#   arm64_test.sh OUT_DIR
. "$(dirname "$0")/lib.sh"
[ $# -eq 1 ] || usage_error "usage: arm64_test.sh OUT_DIR"
out=$1
[ "$(uname -m)" = x86_64 ] || skip_test "this test stands arm64 on an x86_64 host (this is $(uname -m))"
docker info >/dev/null 2>&1 || skip_test "no Docker engine answers (scripts/engine start, or run scripts/test)"
[ "$(id -u)" -eq 0 ] || skip_test "binfmt_misc and the arm64 guest need root"

demo() {
  local dir=$1 rc=0
  shift
  rm -rf "$dir"
  mkdir -p "$(dirname "$dir")"
  "$SP_ROOT/scripts/demo" --arch arm64 --out "$dir" "$@" >"$dir.stdout" 2>"$dir.stderr" || rc=$?
  if [ "$rc" -ne 0 ]; then
    tail -n 40 "$dir.stderr" >&2
    fail "scripts/demo --arch arm64 $* exited $rc"
  fi
}
# host_checks DIR: the host column, an aarch64 image under qemu-user.
host_checks() {
  local f
  for f in unconfined default; do
    check "$f: a $(report_schema) report" is_report "$1/host/$f.json"
    check "$f: emulated by qemu-user" test "$(rj '"\(emulated) \(emulator) \(probe_arch)"' "$1/host/$f.json")" = "true qemu-user aarch64"
    check "$f: 548 absent (the emulator's ENOSYS)" test "$(rj '"\((own | verdict)) \((own | explanation) | contains("qemu-user"))"' "$1/host/$f.json")" = "absent true"
    check "$f: absent only for the emulator's ENOSYS or a call the host lacks" test "$(rj '[rows | select(verdict == "absent" and has_symbol != false and errno_name != "ENOSYS")] | length' "$1/host/$f.json")" = 0
  done
  check "the host's kernel is this machine's" test "$(rj release "$1/host/unconfined.json")" = "$(uname -r)"
}

demo "$out-host-only" --host-only
stdout=$(cat "$out-host-only.stdout")
host_checks "$out-host-only"
check "--host-only: no guest column" test ! -e "$out-host-only/guest"
check "--host-only: the architecture row names the emulator" \
  contains "$(row "$stdout" architecture)" "aarch64 on x86_64 via"
check "--host-only: the summary says the emulator answered" contains "$(tr '\n' ' ' <<<"$stdout")" "the emulator answered"

demo "$out"
stdout=$(cat "$out.stdout")
host_checks "$out"
g=$out/guest
check "VM: aarch64 kernel" test "$(rj machine "$g/unconfined.json")" = aarch64
check "VM: not emulated" test "$(rj emulated "$g/unconfined.json")" = false
check "VM: the patched kernel" contains "$(rj release "$g/unconfined.json")" -syscall-probe
check "VM unconfined: implemented, verified" test "$(rj '"\((own | verdict)) \((own | verified))"' "$g/unconfined.json")" = "implemented true"
check "VM default profile: blocked" test "$(rj 'own | verdict' "$g/default.json")" = blocked
token=$(rj 'own | token' "$g/unconfined.json")
check "VM kernel log: the syscall-probe line with the token" grep -qw -- "$token" "$g/kernel-log.txt"
check "summary: architecture row" contains "$(row "$stdout" architecture)" "aarch64 on x86_64 via"
check "summary: the VM column is aarch64" contains "$(row "$stdout" architecture)" "  aarch64"
check "summary: VM unconfined implemented (verified), the kernel answering" \
  test "$(cell "$stdout" 'syscall 548, unconfined' 'syscall 548, default' 'patched host')" = "kernel: implemented (verified)"
check "summary: VM kernel log line" contains "$(row "$stdout" 'kernel log')" "syscall-probe:"
check "summary.txt is what was printed" contains "$stdout" "$(cat "$out/summary.txt")"
check "progress names the arm64 kernel" contains "$(cat "$out.stderr")" "VM: boot the patched arm64 kernel"
check "no container left running from the arm64 image" test -z "$(docker ps -q --filter "ancestor=$(arm64_image "$IMAGE")")"
finish
