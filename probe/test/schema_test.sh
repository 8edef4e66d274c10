#!/usr/bin/env bash
# Real reports from the built probe, validated against docs/report.schema.json:
# a plain run, the whole catalogue with kallsyms, and a failing --expect.
set -euo pipefail

usage() { echo "usage: schema_test.sh PROBE SCHEMA VALIDATOR" >&2; }
[ $# -eq 3 ] || { usage; exit 2; }
probe=$1 schema=$2 validator=$3

# Prefer an interpreter that has jsonschema (Debian's python3-jsonschema is
# for /usr/bin/python3, which a pyenv shim may hide).
py=python3
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null && "$candidate" -c 'import jsonschema' 2>/dev/null; then
    py=$candidate
    break
  fi
done

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
timeout 60 "$probe" --format json --label plain >"$dir/plain.json"
timeout 120 "$probe" --format json --syscalls all --kallsyms always >"$dir/all.json"
rc=0
timeout 60 "$probe" --format json --nr 335 --expect implemented >"$dir/mismatch.json" || rc=$?
[ "$rc" -eq 1 ] || { echo "FAIL: --expect mismatch exited $rc, not 1" >&2; exit 1; }
exec "$py" "$validator" "$schema" "$dir/plain.json" "$dir/all.json" "$dir/mismatch.json"
