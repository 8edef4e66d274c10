# shellcheck shell=bash
# What only tests/demo/*_test.sh share: reading the summary table. Assertions
# (check, finish, ...) are tests/lib.sh.
# shellcheck source=../lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

# row TEXT LABEL: the first line of TEXT starting with LABEL (the table row).
row() { printf '%s\n' "$1" | grep -m1 -- "^$2" || true; }

# contains HAYSTACK NEEDLE
contains() { case $1 in *"$2"*) return 0 ;; *) echo "  expected to find '$2' in: $1" >&2; return 1 ;; esac; }

# max_width TEXT: the longest line's length.
max_width() { printf '%s\n' "$1" | awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }'; }

no_escapes() { ! printf '%s' "$1" | grep -q $'\033'; }
