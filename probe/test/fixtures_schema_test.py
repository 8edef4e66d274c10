#!/usr/bin/env python3
"""Every captured report (probe/test/fixtures/reports, README there) is one of
this probe: it validates against docs/report.schema.json, whose objects are
closed (a field the writer adds without the schema fails), and carries the
project's VERSION. The one report kept from an older probe (v0.1.0/) is
exempt: compare must read it beside current ones (compare_test), it is not
one of this probe's reports.

usage: fixtures_schema_test.py
Exit 0 pass, 1 fail, 77 (skip) without the jsonschema module (a failure
with SYSCALL_PROBE_MUST_WORK=1).
"""
import copy
import json
import os
import re
import sys
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "probe" / "test" / "fixtures" / "reports"
OLDER = FIXTURES / "v0.1.0"
sys.path.insert(0, str(ROOT / "tools"))
import report_reader as rr  # noqa: E402

try:
    import jsonschema
except ImportError:
    if os.environ.get("SYSCALL_PROBE_MUST_WORK") == "1":
        print("FAIL: python3 jsonschema module missing", file=sys.stderr)
        sys.exit(1)
    print("SKIP: python3 jsonschema module missing", file=sys.stderr)
    sys.exit(77)


def project_version():
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    return re.search(r"^\s*VERSION\s+([0-9][0-9.]*)", text, re.M).group(1)


def current_reports():
    return sorted(p for p in FIXTURES.rglob("*.json")
                  if not p.name.startswith("bad-") and OLDER not in p.parents)


def errors(validator, doc):
    return ["/".join(map(str, e.absolute_path)) + ": " + e.message for e in validator.iter_errors(doc)]


class Fixtures(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        schema = json.loads(rr.SCHEMA_FILE.read_text(encoding="utf-8"))
        cls.validator = jsonschema.Draft202012Validator(schema)
        cls.reports = {p: rr.load(p) for p in current_reports()}

    def test_every_fixture_validates(self):
        # host, guest, host-arm64 (README there); matrix/ when captured.
        self.assertGreaterEqual(len({p.parent.name for p in self.reports}), 3, sorted(self.reports))
        for path, doc in self.reports.items():
            with self.subTest(path=str(path.relative_to(FIXTURES))):
                self.assertEqual(errors(self.validator, doc)[:5], [])

    def test_every_fixture_is_of_this_version(self):
        version = project_version()
        for path, doc in self.reports.items():
            with self.subTest(path=str(path.relative_to(FIXTURES))):
                self.assertEqual(doc[rr.PROBE_VERSION], version,
                                 "made by an older probe: tests/lib/regenerate_fixtures.sh")

    def test_the_older_report_is_older(self):
        older = list(OLDER.glob("*.json"))
        self.assertEqual(len(older), 1, "one report of an older probe is kept, on purpose")
        doc = rr.load(older[0])  # the same schema major version
        self.assertNotEqual(doc[rr.PROBE_VERSION], project_version())

    def test_a_field_unknown_to_the_schema_fails(self):
        # Closed objects: at the top, in an attempt, in its outcome, in the kernel.
        doc = next(iter(self.reports.values()))
        for where in ([], [rr.SYSCALL], [rr.SYSCALL, rr.OUTCOME], [rr.KERNEL], [rr.CONFINEMENT, rr.SECCOMP]):
            bad = copy.deepcopy(doc)
            node = bad
            for key in where:
                node = node[key]
            node["added_without_the_schema"] = 1
            with self.subTest(where="/".join(where) or "top"):
                self.assertNotEqual(errors(self.validator, bad), [])


if __name__ == "__main__":
    unittest.main()
