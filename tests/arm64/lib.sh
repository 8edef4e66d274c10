# shellcheck shell=bash
# What only tests/arm64/*_test.sh share: the arm64 binary and images, the
# emulation assertions. The rest (probe, probe_json, j, expect_eq, ...) is
# tests/lib.sh.
#   . "$(dirname "$0")/lib.sh"
# shellcheck source=../lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

# The multi-arch name (scripts/build-multiarch --name); the per-arch local
# images are $MULTI-amd64 and $MULTI-arm64.
MULTI=$SP_IMAGE
case $MULTI in *:*) ;; *) MULTI=$MULTI:latest ;; esac
export ARM64_BIN
ARM64_BIN=$SP_ROOT/build/arm64-static/probe/syscall-probe

# The cross toolchain and qemu-user, or a skip saying how to get them.
require_arm64_tools() {
  command -v jq >/dev/null || skip_test "jq is not installed (scripts/deps installs it)"
  if ! "$SP_ROOT/scripts/deps-arm64" --check >/dev/null; then
    [ "$(id -u)" -eq 0 ] || skip_test "arm64 packages missing and not root: run sudo scripts/deps-arm64"
    "$SP_ROOT/scripts/deps-arm64" >&2
  fi
}

# No report of an emulated run may say the kernel lacks a call.
expect_no_absent() {
  local absent
  absent=$(j '[.syscall, .catalogue[]] | map(select(.verdict == "absent") | .name) | join(" ")')
  [ -z "$absent" ] || fail "$1: 'absent' under an emulator for: $absent"
  pass "$1: no verdict says absent ($(j '.catalogue | length') catalogue calls)"
}

# The emulation object of an arm64 report under qemu-user on this host.
expect_qemu_user() {
  expect_eq "$1: emulated" "$(j .emulation.emulated)" true
  expect_eq "$1: emulator" "$(j .emulation.emulator)" qemu-user
  expect_eq "$1: probe_arch" "$(j .emulation.probe_arch)" aarch64
  expect_eq "$1: host_arch" "$(j .emulation.host_arch)" "$(uname -m)"
  case $(j .emulation.interpreter) in
    */qemu-aarch64-static|*/aarch64-binfmt-P) pass "$1: interpreter $(j .emulation.interpreter)" ;;
    *) fail "$1: interpreter '$(j .emulation.interpreter)' is not qemu-aarch64" ;;
  esac
}
