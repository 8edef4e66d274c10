#!/usr/bin/env bash
# Real reports from the built probe, validated against docs/report.schema.json:
# a plain run, the whole catalogue with kallsyms, and a failing --expect.
# shellcheck source=../../tests/lib.sh
. "$(dirname "$0")/../../tests/lib.sh"

[ $# -eq 1 ] || usage_error "usage: schema_test.sh PROBE"
probe=$1

dir=$TEST_TMP
timeout 60 "$probe" --format json --label plain >"$dir/plain.json"
# The census never runs with privileges here: as uid 65534, from a copy it can run.
nb=$(nobody_dir)
cp "$probe" "$nb/syscall-probe"
as_nobody "$dir/all.json" "$dir/all.err" "$nb/syscall-probe" --format json --syscalls all --kallsyms always \
  || { echo "FAIL: the census exited non-zero: $(tail -n3 "$dir/all.err")" >&2; exit 1; }
rc=0
timeout 60 "$probe" --format json --nr 335 --expect implemented >"$dir/mismatch.json" || rc=$?
[ "$rc" -eq 1 ] || { echo "FAIL: --expect mismatch exited $rc, not 1" >&2; exit 1; }
# The schema must be able to say no: a report with an unknown verdict fails.
rj '(own | verdict) = "maybe"' "$dir/plain.json" >"$dir/bad.json"
if validate_reports "$dir/bad.json" 2>/dev/null; then
  echo "FAIL: a report with verdict \"maybe\" passed the schema" >&2; exit 1
fi
# Nor to a field it does not describe: every object is closed, so a field the
# writer adds without the schema fails here.
rj '(own | outcome).added_without_the_schema = 1' "$dir/plain.json" >"$dir/added.json"
if validate_reports "$dir/added.json" 2>/dev/null; then
  echo "FAIL: a report with a field the schema does not name passed the schema" >&2; exit 1
fi
validate_reports "$dir/plain.json" "$dir/all.json" "$dir/mismatch.json"
echo "ok: 3 real reports validate; a corrupted one and one with an unknown field do not"
