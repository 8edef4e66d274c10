#!/usr/bin/env python3
"""census_check.py against a real guest snapshot (fixtures/census-snapshot.txt,
from a 6.12 trixie guest) and synthetic census reports: it passes what must
pass and names what must fail (label unit)."""
import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
CHECK = HERE / "census_check.py"
SNAPSHOT = (HERE / "fixtures" / "census-snapshot.txt").read_text()
sys.path.insert(0, str(HERE.parents[1] / "tools"))
import report_reader as rr  # noqa: E402


def report(rows=372, bad=None):
    catalogue = [{"name": f"call{i}", "outcome": {"kind": "errno", "errno": 22}} for i in range(rows)]
    catalogue.append({"name": "uretprobe", "outcome": {"kind": "signal", "signal": 4}})
    if bad:
        catalogue.append(bad)
    return json.dumps({"schema": rr.SCHEMA_NAME, "schema_version": rr.SCHEMA_VERSION, "catalogue": catalogue})


class CensusCheck(unittest.TestCase):
    def run_check(self, host=SNAPSHOT, privileged=SNAPSHOT, host_json=None, start=SNAPSHOT,
                  dmesg=None):
        with tempfile.TemporaryDirectory() as d:
            guest = Path(d) / "guest"
            guest.mkdir()
            (guest / "snapshot-start.txt").write_text(start)
            (guest / "snapshot-host.txt").write_text(host)
            (guest / "snapshot-privileged.txt").write_text(privileged)
            (guest / "census-host.json").write_text(host_json or report())
            (guest / "census-privileged.json").write_text(report())
            if dmesg is not None:
                (guest / "dmesg.txt").write_text(dmesg)
            p = subprocess.run([sys.executable, str(CHECK), d], capture_output=True, text=True)
            return p.returncode, p.stdout + p.stderr

    def test_unchanged_passes(self):
        rc, out = self.run_check()
        self.assertEqual(rc, 0, out)
        self.assertIn("0 problem(s)", out)

    def test_only_harmless_lines_may_add_kernel_log_lines(self):
        count = int(SNAPSHOT.split("== kernel log lines\n", 1)[1].split("\n", 1)[0])

        def grown(n):
            return SNAPSHOT.replace(f"== kernel log lines\n{count}\n",
                                    f"== kernel log lines\n{count + n}\n", 1)
        boot = "[0.0] boot\n" * count
        notice = ("[   42.467181] Lockdown: syscall-probe: kexec of unsigned images is "
                  "restricted; see man kernel_lockdown.7\n")
        clock = ("[   44.836457] clocksource: Long readout interval, skipping watchdog check: "
                 "cs_nsec: 1302962128 wd_nsec: 1302953250\n")
        self.assertEqual(self.run_check(host=grown(1), dmesg=boot + notice)[0], 0)
        self.assertEqual(self.run_check(host=grown(2), dmesg=boot + notice + clock + notice)[0], 0)
        for dmesg in (boot + "[42.0] EXT4-fs (vdb): mounted filesystem\n", boot, None):
            rc, out = self.run_check(host=grown(1), dmesg=dmesg)
            self.assertEqual(rc, 1, out)
            self.assertIn("'kernel log lines' changed", out)

    def test_hostname_change_fails(self):
        rc, out = self.run_check(host=SNAPSHOT.replace("sp-guest\n", "\n", 1))
        self.assertEqual(rc, 1, out)
        self.assertIn("'hostname' changed", out)

    def test_clock_jump_fails_and_small_drift_passes(self):
        line = next(l for l in SNAPSHOT.splitlines() if l.startswith("17"))
        moved = SNAPSHOT.replace(line, f"{float(line) + 30:.3f}")
        rc, out = self.run_check(host=moved)
        self.assertEqual(rc, 1, out)
        self.assertIn("wall clock moved", out)
        drift = SNAPSHOT.replace(line, f"{float(line) + 0.5:.3f}")
        self.assertEqual(self.run_check(host=drift, privileged=drift)[0], 0)

    def test_new_swap_module_or_process_fails(self):
        for section, line in (("== swaps\n", "/dev/vdb partition 1024 0 -2\n"),
                              ("== modules\n", "dummy\n"),
                              ("== processes\n", "999 (census-child) 1\n")):
            changed = SNAPSHOT.replace(section, section + line, 1)
            rc, out = self.run_check(host=changed, privileged=changed)
            self.assertEqual(rc, 1, f"{section.strip()}: {out}")

    def test_new_kernel_log_line_fails_for_the_direct_run(self):
        lines = SNAPSHOT.rstrip("\n").splitlines()
        lines[-1] = str(int(lines[-1]) + 1)
        rc, out = self.run_check(host="\n".join(lines) + "\n", privileged="\n".join(lines) + "\n")
        self.assertEqual(rc, 1, out)
        self.assertIn("'kernel log lines' changed", out)

    def test_docker_mounts_are_allowed_around_the_container_run(self):
        changed = SNAPSHOT.replace("== modules\n",
                                   "/ /run/docker/netns/abc rw - nsfs nsfs rw\n== modules\n", 1)
        self.assertEqual(self.run_check(privileged=changed)[0], 0)

    def test_timeouts_and_deaths_fail(self):
        for bad in ({"name": "pause", "outcome": {"kind": "timeout"}},
                    {"name": "kill", "outcome": {"kind": "signal", "signal": 9}}):
            rc, out = self.run_check(host_json=report(bad=bad))
            self.assertEqual(rc, 1, out)
            self.assertIn(bad["name"], out)

    def test_missing_files_are_usage_errors(self):
        with tempfile.TemporaryDirectory() as d:
            p = subprocess.run([sys.executable, str(CHECK), d], capture_output=True, text=True)
            self.assertEqual(p.returncode, 2)
            self.assertIn("missing", p.stderr)


if __name__ == "__main__":
    unittest.main()
