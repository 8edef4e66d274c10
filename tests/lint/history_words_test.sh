#!/usr/bin/env bash
# lint_history_words: no file of the tree speaks of the work's history in words
# a reader cannot decode: a tracker's "issue N", a "session N", how many other
# people or builds were at work beside a measurement, or the name of a
# development branch or worktree. Say why instead, or link a file of the tree.
# The load a figure was measured under is a number (docs/benchmarks.md), not
# an account of who else ran what.
#   history_words_test.sh [ROOT]   (default: this checkout)
set -euo pipefail
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

usage() { echo "usage: history_words_test.sh [ROOT]   (from CTest: ctest -L lint)" >&2; }
[ $# -le 1 ] || { usage; exit 2; }
root=${1:-$SP_ROOT}
[ -d "$root" ] || { usage; exit 2; }
self=tests/lint/history_words_test.sh

# One alternative per kind of word; case does not matter. Branch names are the
# development branches' own: a word with a digit glued on (ks6, gv8, arm64-4).
patterns=(
  '\bissues? #?[0-9]+\b'                       # a tracker's issue number
  '\bsessions? [0-9]+\b'                       # "session 4"
  "\b(this|helper|helper's|a helper) session\b"
  '\b(other|two|three|four|five|six|seven|[0-9]+) helpers\b'
  "\bhelpers[']"                               # a bracket: this file is read by other checks too
  '\bother builds\b'                           # who else was at work beside a figure
  '\bwho else\b'
  '\b(arm64-[0-9]+|arm64root[0-9]+|batch[0-9]+|build[0-9]+|cat[0-9]+|census[0-9]+|emu[0-9]+|gv[0-9]+|ks[0-9]+|kslim[0-9]+|perf[0-9]+|rtfail[0-9]+|size[0-9]+|lsm[0-9]+|doc[0-9]+|sup[0-9]+|act[0-9]+|fleet[0-9]+|house[0-9]+[a-z]?|coldstart[0-9]*|runtimes[0-9]+|wt[0-9]+)\b'
  "\bbranch [\`'\"][A-Za-z0-9._-]+[\`'\"]"      # branch `name`
)
regex=$(IFS='|'; echo "${patterns[*]}")

cd "$root"
# Every file of the tree, tracked or new, but build trees; binary files are
# skipped by grep -I. Without git (an exported tree) every file under ROOT.
mapfile -t files < <(tree_files | grep -vxF "$self")
[ ${#files[@]} -gt 100 ] || fail "only ${#files[@]} files found under $root"

hits=$TEST_TMP/hits
# A link to a tracker's page (github.com/OWNER/REPO/issues/N) names its source: allowed.
timeout 120 grep -nHIiP -- "$regex" "${files[@]}" 2>/dev/null \
  | grep -viP 'github\.com/[^ )]*/issues/[0-9]+' >"$hits" || true
if [ -s "$hits" ]; then
  cat "$hits" >&2
  fail "$(wc -l <"$hits") line(s) above speak of the work's history (an issue or session number, other builds or helpers beside a figure, a branch name): say why, or link a file"
fi
pass "no work-history words in ${#files[@]} files"
