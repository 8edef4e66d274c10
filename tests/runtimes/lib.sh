# shellcheck shell=bash
# Shared by tests/runtimes/*_test.sh: the reports scripts/runtimes wrote (the
# runtimes_run fixture) for the image, under every runtime.
set -euo pipefail
# shellcheck source=../../scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"

OUT=${SP_RUNTIMES_OUT:?SP_RUNTIMES_OUT: the folder runtimes_run writes}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }
expect_eq() { [ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"; pass "$1 = $2"; }

# report RUNTIME PROFILE: print the path of its report; fail if the run failed.
report() {
  local f=$OUT/$1-$2.json
  if [ -f "$f" ]; then echo "$f"; return 0; fi
  if [ -f "$OUT/$1-failed.json" ] || [ -f "$OUT/$1-$2-failed.json" ]; then
    fail "$1 $2 has no report: $(jq -r .reason "$OUT/$1-failed.json" "$OUT/$1-$2-failed.json" 2>/dev/null | head -n1)"
  fi
  fail "no $f: did runtimes_run run?"
}

# r FILE FILTER: jq -r FILTER on FILE.
r() { jq -r "$2" "$1"; }
