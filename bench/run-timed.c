/*
 * Baseline helper for bench/probe-bench (compiled by it): run one command
 * many times and report wall time and peak RSS.
 *
 *   run-timed RUNS COMMAND [ARGS...] [-- COMMAND [ARGS...]]...
 *
 * Runs each COMMAND RUNS times after 3 untimed warm-up runs, stdin and stdout
 * on /dev/null, and prints one line per command, in order:
 * "median_ms=M min_ms=N max_rss_kib=R minflt=F" (F: the median of the run's
 * minor page faults, its own and its waited-for children's, as wait4 counts
 * them). Several commands are run round-robin
 * (one run of each in turn), so a change in the machine's load hits all of
 * them alike and their ratio stays fair. The child is
 * started with posix_spawn (a vfork-style clone), so wait4's ru_maxrss is the
 * command's own peak, not a copy of a large parent. Exit 1 if a run failed
 * (exit status other than 0 or 1, or a signal), 2 on bad usage.
 */
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/*
 * One run: elapsed ms in *ms, peak RSS in *kib, minor faults in *flt;
 * returns 0 if it succeeded.
 */
static int run_once(char **argv, double *ms, long *kib, double *flt)
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
	*flt = (double)ru.ru_minflt;
	return WIFEXITED(status) && WEXITSTATUS(status) <= 1 ? 0 : -1;
}

#define MAX_COMMANDS 8

int main(int argc, char **argv)
{
	char **cmd[MAX_COMMANDS];
	double *times[MAX_COMMANDS];
	double *faults[MAX_COMMANDS];
	long max_kib[MAX_COMMANDS] = { 0 };
	int runs, i, c, ncmd = 0, failed = 0;
	double ms, flt;
	long kib;

	if (argc < 3 || (runs = atoi(argv[1])) < 1) {
		fprintf(stderr, "usage: run-timed RUNS COMMAND [ARGS...] [-- COMMAND [ARGS...]]...\n");
		return 2;
	}
	/* Split argv[2..] at "--" into NULL-terminated commands. */
	cmd[ncmd++] = argv + 2;
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--") != 0)
			continue;
		argv[i] = NULL;
		if (i + 1 >= argc || ncmd == MAX_COMMANDS) {
			fprintf(stderr, "run-timed: empty command or more than %d\n", MAX_COMMANDS);
			return 2;
		}
		cmd[ncmd++] = argv + i + 1;
	}
	for (c = 0; c < ncmd; c++) {
		times[c] = calloc((size_t)runs, sizeof(double));
		faults[c] = calloc((size_t)runs, sizeof(double));
		if (!times[c] || !faults[c])
			return 2;
		for (i = 0; i < 3; i++)
			run_once(cmd[c], &ms, &kib, &flt);
	}
	for (i = 0; i < runs; i++) {
		for (c = 0; c < ncmd; c++) {
			failed |= run_once(cmd[c], &times[c][i], &kib, &faults[c][i]) != 0;
			if (kib > max_kib[c])
				max_kib[c] = kib;
		}
	}
	for (c = 0; c < ncmd; c++) {
		qsort(times[c], (size_t)runs, sizeof(double), cmp);
		qsort(faults[c], (size_t)runs, sizeof(double), cmp);
		printf("median_ms=%.3f min_ms=%.3f max_rss_kib=%ld minflt=%.0f\n", times[c][runs / 2],
		       times[c][0], max_kib[c], faults[c][runs / 2]);
	}
	return failed;
}
