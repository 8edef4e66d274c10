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

# Under an emulator, "absent" is said only of the emulator's ENOSYS, naming
# it (the emulator lacks the call, or the host kernel lacks it too), or of a
# call the host kernel's tables lack (docs/verdicts.md, Emulation), and
# "occupied" never of a catalogue call.
expect_emulator_verdicts() {
  local bad
  bad=$(j '[own, rows]
    | map(select((verdict == "absent" and has_symbol != false
                  and (errno_name != "ENOSYS" or (explanation | contains("qemu-user") | not)))
                 or (verdict == "occupied" and name != "syscall_probe"))
          | "\(name) (nr \(nr)): \(verdict): \(explanation)") | .[]')
  [ -z "$bad" ] || fail "$1: under an emulator:"$'\n'"$bad"
  pass "$1: absent only for the emulator's ENOSYS or a call the host lacks, occupied never ($(j calls) catalogue calls)"
}

# The emulation object of an arm64 report under qemu-user on this host.
expect_qemu_user() {
  expect_eq "$1: emulated" "$(j emulated)" true
  expect_eq "$1: emulator" "$(j emulator)" qemu-user
  expect_eq "$1: probe_arch" "$(j probe_arch)" aarch64
  expect_eq "$1: host_arch" "$(j 'emulation.host_arch')" "$(uname -m)"
  local interp
  interp=$(j 'emulation.interpreter')
  # " (deleted)": the kernel's name of an emulator replaced since its F-flag entry was registered.
  case ${interp% (deleted)} in
    */qemu-aarch64-static|*/aarch64-binfmt-P) pass "$1: interpreter $interp" ;;
    *) fail "$1: interpreter '$interp' is not qemu-aarch64" ;;
  esac
}
