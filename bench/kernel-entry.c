/*
 * Bench helper for bench/probe-bench (compiled by it): what entering the
 * kernel costs on this machine, the two ways the census enters it. Every row
 * is a system call; many pass an unmapped pointer (catalogue.h, kBadPtr) and
 * get EFAULT, which costs a page fault inside the call as well (a census of
 * 372 rows took 144 such faults: perf's exceptions:page_fault_kernel).
 * Where faults are dear (a hypervisor that handles them, page-table
 * isolation), the census's ratio to a no-op grows with them.
 *
 *   kernel-entry
 *
 * Prints "SYSCALL_US FAULTING_SYSCALL_US" (medians of 9 rounds of 20000),
 * exit 0; 1 if the faulting call did not fail with EFAULT.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 9
#define CALLS 20000

static double now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* faulting: access(2) of an address in the never-mapped first page. */
static double median_us(int faulting)
{
	double t[ROUNDS];

	for (int r = 0; r < ROUNDS; r++) {
		double t0 = now_us();

		for (int i = 0; i < CALLS; i++) {
			if (faulting)
				syscall(SYS_faccessat, AT_FDCWD, (const char *)8, F_OK, 0);
			else
				syscall(SYS_getppid);
		}
		t[r] = (now_us() - t0) / CALLS;
	}
	qsort(t, ROUNDS, sizeof(t[0]), by_value);
	return t[ROUNDS / 2];
}

int main(void)
{
	if (syscall(SYS_faccessat, AT_FDCWD, (const char *)8, F_OK, 0) != -1 || errno != EFAULT) {
		fprintf(stderr, "kernel-entry: access of address 8 did not fail with EFAULT\n");
		return 1;
	}
	printf("%.2f %.2f\n", median_us(0), median_us(1));
	return 0;
}
