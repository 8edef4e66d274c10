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

# cell TEXT FROM TO HEADER: the words of one column in the rows from the row
# FROM up to (not including) the row TO (or the table's end, for TO ""),
# joined by spaces; the column is the one whose header line (the first line
# that is not empty) starts with HEADER, as wide as the gap to the next header
# (or to the end of the line).
cell() {
  printf '%s\n' "$1" | awk -v from="$2" -v to="$3" -v head="$4" '
    !seen && $0 != "" {
      seen = 1
      start = index($0, head)
      rest = substr($0, start + length(head))
      match(rest, /  +[^ ]/)
      width = RSTART ? length(head) + RSTART + RLENGTH - 2 : 1000
    }
    index($0, from) == 1 { on = 1 }
    (to != "" && index($0, to) == 1) || $0 == "" { on = 0 }
    on && start { piece = substr($0, start, width); gsub(/^ +| +$/, "", piece); if (piece != "") out = out (out ? " " : "") piece }
    END { print out }'
}
