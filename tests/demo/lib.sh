# shellcheck shell=bash
# Assertions shared by tests/demo/*_test.sh. Each failure names what was
# expected and what came; the test exits 1 at the end if any failed.
. "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"

failures=0
fail_check() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass_check() { echo "ok: $*"; }

# check DESCRIPTION COMMAND...: pass when COMMAND succeeds.
check() {
  local what=$1
  shift
  if "$@"; then pass_check "$what"; else fail_check "$what"; fi
}

# row TEXT LABEL: the first line of TEXT starting with LABEL (the table row).
row() { printf '%s\n' "$1" | grep -m1 -- "^$2" || true; }

# contains HAYSTACK NEEDLE
contains() { case $1 in *"$2"*) return 0 ;; *) echo "  expected to find '$2' in: $1" >&2; return 1 ;; esac; }

# max_width TEXT: the longest line's length.
max_width() { printf '%s\n' "$1" | awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }'; }

finish() {
  if [ "$failures" -gt 0 ]; then echo "$failures check(s) failed" >&2; exit 1; fi
  echo "all checks passed"
}

no_escapes() { ! printf '%s' "$1" | grep -q $'\033'; }
