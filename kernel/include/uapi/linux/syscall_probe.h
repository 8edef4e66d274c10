/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * syscall-probe: the one place that defines the project's own system call.
 *
 * Shared by the kernel side (kernel/; kernel/apply copies it among a Linux
 * tree's uapi headers) and by the user-space probe (probe/), so the number
 * and the verification rule cannot drift apart.
 *
 * Contract of the system call:
 *   long syscall_probe(unsigned long token);
 *   - token must fit in 32 bits (token & ~SYSCALL_PROBE_TOKEN_MASK == 0),
 *     otherwise the call fails with -EINVAL;
 *   - on success it returns token ^ SYSCALL_PROBE_MAGIC, a value in
 *     [0, 2^32) that cannot be mistaken for an error return;
 *   - it logs "syscall-probe: number <token>" to the kernel log,
 *     rate-limited, since any unprivileged caller may invoke it.
 */
#ifndef _UAPI_LINUX_SYSCALL_PROBE_H
#define _UAPI_LINUX_SYSCALL_PROBE_H

/*
 * 548: the first x86_64 number after the x32 range 512-547 (see the comment
 * in arch/x86/entry/syscalls/syscall_64.tbl). 335, the number of the classic
 * tutorial, is uretprobe since Linux 6.11; upstream allocates new numbers
 * from the 46x-47x range, so a number far above it stays free for years.
 * The same number is used on arm64 (asm-generic table).
 */
#define SYSCALL_PROBE_NR 548

/* Name of the system call, as in the tables and in sys_<name>. */
#define SYSCALL_PROBE_NAME "syscall_probe"

/* The value returned is token ^ SYSCALL_PROBE_MAGIC. */
#define SYSCALL_PROBE_MAGIC 0x5ca11ab1UL

/* Tokens are 32-bit; anything above is rejected with -EINVAL. */
#define SYSCALL_PROBE_TOKEN_MASK 0xffffffffUL

/* Prefix of the kernel log line written on a call (rate-limited). */
#define SYSCALL_PROBE_LOG_PREFIX "syscall-probe: "

/* CONFIG_LOCALVERSION of kernels built by this project; uname -r ends with it. */
#define SYSCALL_PROBE_RELEASE_MARKER "-syscall-probe"

#endif /* _UAPI_LINUX_SYSCALL_PROBE_H */
