#!/usr/bin/env bash
# Runs shellcheck over EVERY shell script of the checkout, found by what it is
# (a bash/sh shebang or a `# shellcheck shell=` directive), not by a list:
# a new script is checked the day it is added. Settings: .shellcheckrc.
# usage: tests/lint/shellcheck_test.sh [ROOT]   (default: this checkout)
. "$(dirname "$0")/../lib.sh"

root=${1:-$SP_ROOT}
[ -d "$root" ] || usage_error "usage: shellcheck_test.sh [ROOT]"
command -v shellcheck >/dev/null || skip_test "shellcheck is not installed (scripts/deps installs it)"

# is_shell FILE: a bash/sh script by its first line or a shellcheck directive.
is_shell() {
  local first
  IFS= read -r first <"$1" 2>/dev/null || return 1
  [[ $first =~ ^#!(/usr/bin/env[[:space:]]+|/bin/|/usr/bin/)(ba)?sh([[:space:]]|$) ]] && return 0
  head -n 5 "$1" | grep -q '^# shellcheck shell=\(ba\)\?sh'
}

# Every file of the tree but build trees, .git and captured data.
scripts=()
while IFS= read -r -d '' f; do
  is_shell "$f" && scripts+=("$f")
done < <(find "$root" \( -name .git -o -name build -o -name out -o -name node_modules -o -name fixtures \) -prune \
  -o -type f ! -name '*.json' ! -name '*.md' ! -name '*.c' ! -name '*.cc' ! -name '*.h' -print0 | sort -z)
[ ${#scripts[@]} -gt 0 ] || fail "no shell script found under $root"

rc=0
(cd "$root" && timeout 600 shellcheck -x "${scripts[@]#"$root"/}") || rc=$?
[ "$rc" -ne 124 ] || fail "shellcheck took over 600 s"
[ "$rc" -eq 0 ] || fail "shellcheck found problems in the ${#scripts[@]} scripts above (.shellcheckrc applies)"
pass "shellcheck clean: ${#scripts[@]} scripts"
