/*
 * Baseline helper for bench/probe-bench (compiled by it): run one command
 * many times and report wall time and peak RSS.
 *
 *   run-timed RUNS COMMAND [ARGS...]
 *
 * Runs COMMAND RUNS times after 3 untimed warm-up runs, stdin and stdout on
 * /dev/null, and prints "median_ms=M min_ms=N max_rss_kib=R". The child is
 * started with posix_spawn (a vfork-style clone), so wait4's ru_maxrss is the
 * command's own peak, not a copy of a large parent. Exit 1 if a run failed
 * (exit status other than 0 or 1, or a signal), 2 on bad usage.
 */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* One run: elapsed ms in *ms, peak RSS in *kib; returns 0 if it succeeded. */
static int run_once(char **argv, double *ms, long *kib)
{
	posix_spawn_file_actions_t fa;
	struct rusage ru;
	pid_t pid;
	int status = 0;
	double t0;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	t0 = now_ms();
	if (posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ) != 0) {
		perror(argv[0]);
		return -1;
	}
	posix_spawn_file_actions_destroy(&fa);
	if (wait4(pid, &status, 0, &ru) < 0)
		return -1;
	*ms = now_ms() - t0;
	*kib = ru.ru_maxrss;
	return WIFEXITED(status) && WEXITSTATUS(status) <= 1 ? 0 : -1;
}

int main(int argc, char **argv)
{
	int runs, i, failed = 0;
	double *times, ms;
	long kib, max_kib = 0;

	if (argc < 3 || (runs = atoi(argv[1])) < 1) {
		fprintf(stderr, "usage: run-timed RUNS COMMAND [ARGS...]\n");
		return 2;
	}
	times = calloc((size_t)runs, sizeof(*times));
	if (!times)
		return 2;
	for (i = 0; i < 3; i++)
		run_once(argv + 2, &ms, &kib);
	for (i = 0; i < runs; i++) {
		failed |= run_once(argv + 2, &times[i], &kib) != 0;
		if (kib > max_kib)
			max_kib = kib;
	}
	qsort(times, (size_t)runs, sizeof(*times), cmp);
	printf("median_ms=%.3f min_ms=%.3f max_rss_kib=%ld\n", times[runs / 2], times[0], max_kib);
	return failed;
}
