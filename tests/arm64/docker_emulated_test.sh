#!/usr/bin/env bash
# The arm64 image under Docker on this x86_64 host (`--platform linux/arm64`:
# binfmt_misc runs qemu-aarch64-static, F flag, nothing inside the image),
# under Docker's default seccomp profile and unconfined: the report names the
# emulator, says absent only of the emulator's ENOSYS or of a call the host
# kernel lacks, and occupied never. The amd64 image of the same name runs
# natively and says so.
. "$(dirname "$0")/lib.sh"
require_arm64_tools
docker info >/dev/null 2>&1 || skip_test "no Docker engine answers (scripts/engine start)"
[ "$(uname -m)" = x86_64 ] || skip_test "this test stands arm64 on an x86_64 host (this is $(uname -m))"
"$SP_ROOT/scripts/internal/binfmt" status >/dev/null || fail "qemu-aarch64 is not registered with F: run scripts/internal/binfmt enable"

IMAGE=$MULTI-arm64
docker image inspect "$IMAGE" >/dev/null 2>&1 || fail "no $IMAGE: run scripts/build-multiarch (CTest: arm64_multiarch)"
expect_eq "image architecture" "$(docker image inspect -f '{{.Architecture}}' "$IMAGE")" arm64

probe_json --platform linux/arm64 -- --syscalls all
expect_eq "default profile: container" "$(j .container.runtime)" docker
expect_eq "default profile: seccomp" "$(j seccomp_mode_name)" filter
expect_qemu_user "default profile"
expect_emulator_verdicts "default profile"

probe_json --platform linux/arm64 --security-opt seccomp=unconfined -- --syscalls all
expect_qemu_user "unconfined"
expect_eq "unconfined: own syscall" "$(j 'own | verdict')" absent
expect_emulator_verdicts "unconfined"

probe --platform linux/arm64
[ "$rc" -eq 0 ] || fail "text report exited $rc"
grep -q '^Emulation   qemu-user' "$TEST_TMP/out" || fail "the text report has no Emulation line: $(head -c 1500 "$TEST_TMP/out")"
pass "text report: $(grep -m1 '^Emulation' "$TEST_TMP/out")"

IMAGE=$MULTI-amd64
probe_json --platform linux/amd64
expect_eq "amd64 image: emulated" "$(j emulated)" false
expect_eq "amd64 image: arch" "$(j 'own.arch')" x86_64
