# shellcheck shell=bash
# shellcheck disable=SC2034 # variables read by the scripts that source this block
# Boot a kernel with the image in a guest: the guest root (scripts/build-guest),
# the image saved once (image_tar), scripts/run-guest; and the QEMU command
# line itself, in one function. Sourced after common.sh and image.sh.

# guest_boot KERNEL INITRD IMAGE OUT LABEL [RUN-GUEST-OPTS...]: boot KERNEL
# (with INITRD, if not empty) on the cached guest root, run IMAGE there
# unconfined and under Docker's default profile (image_report inside the
# guest), results in OUT (unconfined.json, default.json, kernel-log.txt,
# console.log, accel, guest/). Sets IMAGE_ID (the image saved and booted).
# With KERNEL_ARCH=arm64 (kernel_for): the arm64 guest root, QEMU's virt board
# and the linux/arm64 image of IMAGE as scripts/build-multiarch --name tags it
# (NAME:TAG-arm64; arm64_image).
# Progress on stderr. Returns run-guest's status: 0 ok, 1 the guest failed,
# 2 bad usage, 124 timeout.
guest_boot() {
  local kernel=$1 initrd=$2 image=$3 out=$4 label=$5 rootfs args=() garch=amd64
  shift 5
  [ -z "$initrd" ] || args=(--initrd "$initrd")
  # An empty LABEL: run-guest's own (qemu-RELEASE).
  [ -z "$label" ] || args+=(--label "$label")
  if [ "${KERNEL_ARCH:-x86_64}" = arm64 ]; then
    garch=arm64 image=$(arm64_image "$image")
    args+=(--arch arm64)
  fi
  rootfs=$("$SP_ROOT/scripts/build-guest" --arch "$garch" --print-path) || { echo "scripts/build-guest failed" >&2; return 1; }
  image_tar "$image"
  "$SP_ROOT/scripts/run-guest" --kernel "$kernel" "${args[@]}" --rootfs "$rootfs" \
    --images "$IMAGE_TAR" --image "$image" --out "$out" "$@"
}

# The guest's architecture for qemu_command and qemu_console: x86_64 (the
# default PC machine) or arm64 (QEMU's virt board: PL011 console, virtio over
# PCI; TCG on an x86_64 host). scripts/run-guest --arch sets it.
QEMU_ARCH=x86_64

# qemu_console: the kernel's console device on QEMU_ARCH's machine.
qemu_console() { if [ "$QEMU_ARCH" = arm64 ]; then echo ttyAMA0; else echo ttyS0; fi; }

# qemu_command ACCEL CONSOLE MEMORY-MIB KERNEL INITRD APPEND [DISK...]: the QEMU
# machine and its command line, in QEMU_CMD (an array). No network device,
# serial console to the file CONSOLE, no reboot (a reboot ends QEMU), no
# monitor. DISK is FILE:FORMAT[:ro], attached as virtio disks vda, vdb, ... in
# order. SYSCALL_PROBE_QEMU_CPU (TCG CPU model, default max) and
# SYSCALL_PROBE_QEMU_SMP (vCPUs; default 1 for an x86_64 guest under TCG, 2
# otherwise: our x86_64 kernels bring up only the boot CPU anyway, and a stock
# kernel's two TCG vCPUs deadlocked once in runc (both CPUs in soft lockup for
# 400 s, 2026-11-30, qemu_stock_bookworm) where one never has).
qemu_command() {
  local accel=$1 console=$2 memory=$3 kernel=$4 initrd=$5 append=$6 cpu=${SYSCALL_PROBE_QEMU_CPU:-max} disk
  local machine=(qemu-system-x86_64) smp=2
  shift 6
  [ "$accel" = kvm ] && cpu=host
  [ "$QEMU_ARCH" != arm64 ] || machine=(qemu-system-aarch64 -M virt)
  [ "$QEMU_ARCH" = arm64 ] || [ "$accel" != tcg ] || smp=1
  QEMU_CMD=("${machine[@]}" -accel "$accel" -cpu "$cpu" -m "$memory" -smp "${SYSCALL_PROBE_QEMU_SMP:-$smp}"
    -nographic -monitor none -serial "file:$console" -no-reboot -nic none
    -kernel "$kernel" -append "$append")
  [ -z "$initrd" ] || QEMU_CMD+=(-initrd "$initrd")
  for disk in "$@"; do
    local file=${disk%%:*} rest=${disk#*:} ro=""
    [[ $rest != *:ro ]] || ro=,readonly=on
    QEMU_CMD+=(-drive "file=$file,format=${rest%%:*},if=virtio$ro")
  done
}

# qemu_boot LIMIT LOG: run QEMU_CMD in the background (stdout and stderr
# appended to LOG), wait for it to exit, kill it after LIMIT seconds. QEMU_PID
# is set while it runs: the caller's EXIT trap calls qemu_kill. Returns QEMU's
# status, or 124 on timeout.
QEMU_PID=""
qemu_boot() {
  local limit=$1 log=$2 deadline rc=0
  "${QEMU_CMD[@]}" </dev/null >>"$log" 2>&1 &
  QEMU_PID=$!
  deadline=$(( $(date +%s) + limit ))
  while kill -0 "$QEMU_PID" 2>/dev/null; do
    if [ "$(date +%s)" -ge "$deadline" ]; then
      qemu_kill
      return 124
    fi
    sleep 0.2
  done
  wait "$QEMU_PID" || rc=$?
  QEMU_PID=""
  return "$rc"
}

# qemu_kill: end the QEMU that qemu_boot started, if it still runs.
qemu_kill() {
  [ -n "$QEMU_PID" ] || return 0
  kill -KILL "$QEMU_PID" 2>/dev/null || true
  wait "$QEMU_PID" 2>/dev/null || true
  QEMU_PID=""
}
