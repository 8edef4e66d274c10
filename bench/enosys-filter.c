/*
 * Bench helper for bench/probe-bench (compiled by it): run a command under a
 * seccomp filter that answers ENOSYS for one syscall number and allows the
 * rest, as Docker's default profile answers a number above the highest one
 * it names. The probe then needs evidence from the kernel's symbol tables.
 *
 *   enosys-filter NR COMMAND [ARGS...]
 *
 * Exit 126 if the filter cannot be installed, 127 if COMMAND cannot be run,
 * 2 on bad usage; else COMMAND's own exit (it replaces this process).
 */
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char *end = NULL;
	unsigned long nr;

	if (argc < 3) {
		fprintf(stderr, "usage: enosys-filter NR COMMAND [ARGS...]\n");
		return 2;
	}
	nr = strtoul(argv[1], &end, 10);
	if (*argv[1] == '\0' || *end != '\0' || nr > 4095) {
		fprintf(stderr, "enosys-filter: NR must be a syscall number, got '%s'\n", argv[1]);
		return 2;
	}
	struct sock_filter prog[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned int)nr, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog fprog = { sizeof(prog) / sizeof(prog[0]), prog };

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog) != 0) {
		perror("enosys-filter: seccomp");
		return 126;
	}
	execv(argv[2], argv + 2);
	perror("enosys-filter: exec");
	return 127;
}
