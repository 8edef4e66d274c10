// SPDX-License-Identifier: GPL-2.0
/*
 * /init of a throwaway guest: calls syscall_probe() directly (no container,
 * no seccomp) and prints what the patched kernel answered, then reboots:
 * our kernels have no ACPI (kernel/config/guest.config), so a power-off
 * would only halt, while QEMU runs with -no-reboot and exits on a restart.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "linux/syscall_probe.h"

int main(void)
{
	long ok = syscall(SYSCALL_PROBE_NR, 42UL);
	int ok_errno = ok < 0 ? errno : 0;
	long big = syscall(SYSCALL_PROBE_NR, SYSCALL_PROBE_TOKEN_MASK + 1UL);
	int big_errno = big < 0 ? errno : 0;

	printf("SP-RESULT ok=%ld ok_errno=%d big=%ld big_errno=%d\n", ok, ok_errno, big, big_errno);
	fflush(stdout);
	sync();
	reboot(RB_AUTOBOOT);
	return 0;
}
