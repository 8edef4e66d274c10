#!/usr/bin/env bash
# `syscall-probe compare` as a user runs it, on the real reports in
# probe/test/fixtures/reports: table, skipped and refused files, formats.
#   compare_cli_test.sh PROBE_BINARY FIXTURE_DIR
. "$(dirname "$0")/../lib.sh"

[ $# -eq 2 ] || usage_error "usage: compare_cli_test.sh PROBE_BINARY FIXTURE_DIR"
bin=$1 fix=$2
[ -x "$bin" ] || fail "no probe binary $bin"
tmp=$TEST_TMP

good=("$fix"/host/*.json)  # this machine: direct, Docker default profile, unconfined
if [ ${#good[@]} -lt 3 ] || [ ! -f "${good[0]}" ]; then
  fail "fewer than 3 real reports in $fix"
fi

# 1. The real reports: one column per report, labels as headers, differences marked.
rc=0; "$bin" compare "${good[@]}" >"$tmp/t.out" 2>"$tmp/t.err" || rc=$?
[ "$rc" = 0 ] || fail_check "compare of the real reports exited $rc: $(cat "$tmp/t.err")"
[ ! -s "$tmp/t.err" ] || fail_check "compare of good reports wrote to stderr: $(cat "$tmp/t.err")"
for f in "${good[@]}"; do
  label=$(rj report_label "$f")
  head -n1 "$tmp/t.out" | grep -qF "$label" || fail_check "no column '$label' in the text table"
done
grep -qE '^\* cachestat +6\.5 ' "$tmp/t.out" || fail_check "cachestat (unconfined vs default differ) not marked with *"
grep -qE '^  syscall_probe \(548\) ' "$tmp/t.out" || fail_check "own syscall row missing or wrongly marked"

# 1b. Equal rows are hidden by default and counted; --all-rows shows them.
grep -qE 'equal row\(s\) hidden \(--all-rows shows them\)$' "$tmp/t.out" || fail_check "no line counting the hidden rows"
grep -qE '^  pidfd_open ' "$tmp/t.out" && fail_check "an equal row (pidfd_open) shown without --all-rows"
"$bin" compare --all-rows "${good[@]}" >"$tmp/all.out"
grep -qE '^  pidfd_open +5\.3 ' "$tmp/all.out" || fail_check "--all-rows does not show the equal row pidfd_open"
grep -q 'hidden' "$tmp/all.out" && fail_check "--all-rows still hides rows"

# 2. A truncated report is named, skipped with a warning, the others still compared.
rc=0; "$bin" compare "${good[@]}" "$fix/bad-truncated.json" >"$tmp/b.out" 2>"$tmp/b.err" || rc=$?
[ "$rc" = 0 ] || fail_check "one truncated file among good ones made compare exit $rc"
grep -q 'warning: .*bad-truncated.json: skipped' "$tmp/b.err" || fail_check "truncated file not named: $(cat "$tmp/b.err")"
[ "$(wc -l <"$tmp/b.err")" = 1 ] || fail_check "more than one stderr line for one bad file"
cmp -s "$tmp/t.out" "$tmp/b.out" || fail_check "the table changed because of a skipped file"

# 3. Another schema_version is refused; alone, no usable report: exit 2, one line, no stdout.
rc=0; "$bin" compare "$fix/bad-schema-v2.json" >"$tmp/v.out" 2>"$tmp/v.err" || rc=$?
[ "$rc" = 2 ] || fail_check "a refused report alone exited $rc, not 2"
grep -q 'refused: schema_version 2 is not 1' "$tmp/v.err" || fail_check "refusal not explained: $(cat "$tmp/v.err")"
grep -q 'error: no usable report' "$tmp/v.err" || fail_check "no final error line"
[ ! -s "$tmp/v.out" ] || fail_check "stdout not empty when nothing was usable"

# 3b. A report of an older probe (the one kept in v0.1.0/, schema version 1 too) is read beside
#     today's; the same report under the next schema major version is refused in one line.
old=("$fix"/v0.1.0/*.json)
{ [ ${#old[@]} = 1 ] && [ -f "${old[0]}" ]; } || fail "no single older report in $fix/v0.1.0"
rc=0; "$bin" compare "${old[0]}" "${good[0]}" >"$tmp/o.out" 2>"$tmp/o.err" || rc=$?
{ [ "$rc" = 0 ] && [ ! -s "$tmp/o.err" ]; } || fail_check "the older report beside a current one: exit $rc, $(cat "$tmp/o.err")"
grep -q '^2 host(s)' "$tmp/o.out" || fail_check "the older report is not a column: $(tail -n1 "$tmp/o.out")"
jq '.schema_version += 1' "${old[0]}" >"$tmp/old-next.json"
rc=0; "$bin" compare "$tmp/old-next.json" "${good[0]}" >"$tmp/n.out" 2>"$tmp/n.err" || rc=$?
[ "$rc" = 0 ] || fail_check "a refused report beside a good one made compare exit $rc"
{ [ "$(wc -l <"$tmp/n.err")" = 1 ] && grep -q 'old-next.json: refused: schema_version 2 is not 1' "$tmp/n.err"; } \
  || fail_check "the next major version is not refused in one line: $(cat "$tmp/n.err")"
grep -q '^1 host(s)' "$tmp/n.out" || fail_check "the refused report became a column"

# 4. Missing file and stdin: '-' takes concatenated reports.
rc=0; cat "${good[0]}" "${good[1]}" | "$bin" compare - "$tmp/absent.json" >"$tmp/s.out" 2>"$tmp/s.err" || rc=$?
[ "$rc" = 0 ] || fail_check "stdin compare exited $rc"
grep -q "absent.json: skipped: cannot read: No such file" "$tmp/s.err" || fail_check "missing file not named"
grep -q '^2 host(s)' "$tmp/s.out" || fail_check "two concatenated reports on stdin are not two columns"

# 5. Markdown: a table with a header, a separator and the ≠ marker.
"$bin" compare --format markdown "${good[@]}" >"$tmp/m.md"
head -n1 "$tmp/m.md" | grep -q '^| | syscall | since |' || fail_check "markdown header"
sed -n 2p "$tmp/m.md" | grep -qE "^\\|(---\\|){$(( ${#good[@]} + 3 ))}\$" \
  || fail_check "markdown separator for ${#good[@]} hosts: $(sed -n 2p "$tmp/m.md")"
# shellcheck disable=SC2016 # backticks are Markdown here
grep -qF '| ≠ | `cachestat` |' "$tmp/m.md" || fail_check "markdown difference marker"

# 6. HTML written with --output: complete, self-contained: one inline script (no src), no external
#    URL (tests/browser runs the page).
"$bin" compare --format html --output "$tmp/m.html" "${good[@]}" || fail_check "html --output failed"
if ! grep -q '^<!DOCTYPE html>' "$tmp/m.html" || ! tail -n1 "$tmp/m.html" | grep -q '</html>'; then
  fail_check "html incomplete"
fi
grep -qiE '<script[^>]|<link|<iframe|<img|src=|url\(|@import|https?:|//[a-z0-9]' "$tmp/m.html" \
  && fail_check "html has an external reference: $(grep -oiE '<script[^>]*|<link|src=|url\(|@import|https?:[^ "]*' "$tmp/m.html" | head -3)"
expect_eq "inline scripts in the html" "$(grep -c '^<script>$' "$tmp/m.html")" 1
grep -q '<tr class="differs"' "$tmp/m.html" || fail_check "html marks no difference"
for f in "$tmp"/*.tmp.*; do [ -e "$f" ] && fail_check "a temporary output file was left behind: $f"; done

# 7. Bad usage: exit 2, one stderr line, nothing on stdout; an unwritable --output writes nothing.
for args in "--format pdf ${good[0]}" "--bogus ${good[0]}" ""; do
  rc=0
  # shellcheck disable=SC2086 # word splitting of the argument list is the point
  "$bin" compare $args >"$tmp/u.out" 2>"$tmp/u.err" || rc=$?
  if [ "$rc" != 2 ] || [ "$(wc -l <"$tmp/u.err")" != 1 ] || [ -s "$tmp/u.out" ]; then
    fail_check "compare $args: exit $rc, stderr '$(cat "$tmp/u.err")'"
  fi
done
rc=0; "$bin" compare --output "$tmp/no/such/dir/x.html" "${good[0]}" 2>"$tmp/o.err" || rc=$?
[ "$rc" = 2 ] || fail_check "unwritable --output exited $rc"

echo "compare CLI: ${#good[@]} real reports"
finish
