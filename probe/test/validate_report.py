#!/usr/bin/env python3
"""Validate syscall-probe JSON documents against their schema: reports against
docs/report.schema.json, host-failure documents against
docs/host-failure.schema.json.

usage: validate_report.py SCHEMA DOCUMENT.json...
Exit 0 valid, 1 invalid, 77 (skip) if the jsonschema module is missing,
unless SYSCALL_PROBE_MUST_WORK=1.
"""
import json
import os
import sys


def main():
    if len(sys.argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        import jsonschema
    except ImportError:
        if os.environ.get("SYSCALL_PROBE_MUST_WORK") == "1":
            print("FAIL: python3 jsonschema module missing", file=sys.stderr)
            return 1
        print("SKIP: python3 jsonschema module missing", file=sys.stderr)
        return 77
    with open(sys.argv[1]) as f:
        schema = json.load(f)
    validator = jsonschema.Draft202012Validator(schema)
    bad = 0
    for path in sys.argv[2:]:
        with open(path) as f:
            report = json.load(f)
        for error in validator.iter_errors(report):
            bad += 1
            where = "/".join(str(p) for p in error.absolute_path)
            print(f"{path}: {where}: {error.message}", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
