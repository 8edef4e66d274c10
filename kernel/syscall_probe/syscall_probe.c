// SPDX-License-Identifier: GPL-2.0
/*
 * syscall_probe(2): the system call of the syscall-probe project.
 *
 * A container shares its host's kernel, so a program inside it can only
 * use this call when the host runs a kernel built with it. The call has no
 * side effect beyond one rate-limited log line and touches no user memory:
 * it proves that the kernel answered, not a seccomp filter, by returning a
 * value derived from its argument.
 *
 * The number, the verification constant and the log prefix come from
 * include/uapi/linux/syscall_probe.h, shared with the user-space probe.
 */
#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/syscalls.h>
#include <linux/syscall_probe.h>

/*
 * syscall_probe - answer a probe
 * @token: any value that fits in 32 bits
 *
 * Return: @token ^ SYSCALL_PROBE_MAGIC, or -EINVAL when @token has bits set
 * outside SYSCALL_PROBE_TOKEN_MASK.
 */
SYSCALL_DEFINE1(syscall_probe, unsigned long, token)
{
	if (token & ~SYSCALL_PROBE_TOKEN_MASK)
		return -EINVAL;

	/* Any unprivileged caller can reach this: do not let it flood the log. */
	pr_info_ratelimited(SYSCALL_PROBE_LOG_PREFIX "number %lu\n", token);

	return token ^ SYSCALL_PROBE_MAGIC;
}
