#!/usr/bin/env bash
# Runs LsmSources against one Linux release's source tree (scripts/internal/kernel-source
# unpacks Debian's linux-source-VERSION once): the files that call
# security_locked_down() are found here, the test reads only those.
set -euo pipefail

usage() {
  echo "usage: $(basename "$0") KERNEL_SOURCE_SCRIPT PROBE_TESTS VERSION" >&2
}

[ $# -eq 3 ] || { usage; exit 2; }
tree=$("$1" "$3") || exit $?
sites=$(mktemp)
trap 'rm -f "$sites"' EXIT
(cd "$tree" && timeout 300 grep -rl --include='*.c' 'security_locked_down(' \
  arch/x86 arch/arm64 kernel mm fs drivers/pci security | sort) >"$sites"
SYSCALL_PROBE_LINUX_TREE=$tree SYSCALL_PROBE_LOCKDOWN_SITES=$sites \
  "$2" --gtest_filter='LsmSources.*'
