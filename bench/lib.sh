# shellcheck shell=bash
# What the bench/ scripts share, sourced after scripts/lib/common.sh: the
# clock, the statistics and how figures are read and compared. A bench never
# writes one of these again.

# now: the wall clock in seconds, with nanoseconds (for secs).
now() { date +%s.%N; }

# secs T0 T1: the seconds from T0 to T1, one decimal.
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

# median: the median of the numbers on stdin, one a line (the mean of the
# two middle ones for an even count, as awk prints a number: 6 significant
# digits at most).
median() {
  sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1; print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# time_run CMD...: the milliseconds CMD took, on stdout. CMD's stdout is
# dropped; when it fails, die with the last line of its stderr.
time_run() {
  local t0 t1 err rc=0 last
  err=$(mktemp)
  t0=$(date +%s%N)
  "$@" >/dev/null 2>"$err" || rc=$?
  t1=$(date +%s%N)
  last=$(tail -n1 "$err")
  rm -f "$err"
  [ "$rc" -eq 0 ] || die "$* failed (exit $rc): $last"
  echo $(( (t1 - t0) / 1000000 ))
}

# field NAME TEXT: VALUE of the first NAME=VALUE word in TEXT (the lines
# run-timed prints, a kernel build's timing file).
field() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p" <<<"$2" | head -n1; }

# ratio A B [DECIMALS]: A / B with DECIMALS decimals (default 2); "-" when B
# is not positive: no baseline.
ratio() { awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN { if (b > 0) printf "%.*f", d, a / b; else print "-" }'; }
