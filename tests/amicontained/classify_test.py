#!/usr/bin/python3
"""Unit tests of tools/amicontained_compare.py (label unit): the classifier
on a captured pair (amicontained -d and the census of the same container
run, Docker 20.10's default profile, this machine's 6.18 kernel; the
profile resolved by tools/seccomp_oracle.py), and on small made-up
inputs for the classes that run did not show. No amicontained binary, no
Docker: CI cannot fetch amicontained."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TOOL = os.path.join(ROOT, "tools", "amicontained_compare.py")
sys.path.insert(0, os.path.dirname(TOOL))
import amicontained_compare as ac  # noqa: E402

FIX = os.path.join(HERE, "fixtures", "docker-20.10-default")


def load(suffix):
    with open(f"{FIX}.{suffix}", encoding="utf-8") as f:
        return f.read() if suffix.endswith("txt") else json.load(f)


def ami_text(allowed, blocked):
    return ("Seccomp: filtering\n"
            f"Allowed Syscalls ({len(allowed)}):\n\t{' '.join(allowed)}\n"
            f"Blocked Syscalls ({len(blocked)}):\n\t{' '.join(blocked)}\n")


def report(rows):
    return {"kernel": {"machine": "x86_64"}, "summary": {"text": "made up"},
            "catalogue": [{"name": n, "nr": nr, "verdict": v,
                           "outcome": {"kind": "errno", "errno_name": e}}
                          for n, nr, v, e in rows]}


class Captured(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.result = ac.compare(load("amicontained.txt"), load("report.json"),
                                load("oracle.json"), load("names.json"))
        cls.rows = {r["name"]: r for r in cls.result["rows"]}

    def test_every_number_once(self):
        nrs = [r["nr"] for r in self.result["rows"]]
        self.assertEqual(len(nrs), len(set(nrs)))
        self.assertTrue(set(range(ac.LAST + 1)) <= set(nrs))

    def test_its_lists_are_read_whole(self):
        self.assertEqual(self.result["amicontained"]["blocked"], 60)
        self.assertEqual(self.result["amicontained"]["allowed"], 262)
        claims = [r["amicontained"] for r in self.result["rows"]]
        self.assertEqual(claims.count("blocked"), 60)
        self.assertEqual(claims.count("allowed"), 262)

    def test_skipped_are_the_calls_its_source_names(self):
        # main.go seccompIter: rt_sigreturn, select, pause, pselect6, ppoll,
        # exit, exit_group, clone, fork, vfork, seccomp; numbered by the
        # kernel's names (report and libseccomp), not by our constant.
        skipped = {r["name"] for r in self.result["rows"] if r["class"] == "skipped"}
        self.assertEqual(skipped, {"rt_sigreturn", "select", "pause", "pselect6", "ppoll",
                                   "exit", "exit_group", "clone", "fork", "vfork", "seccomp"})

    def test_kernel_eperm_counted_as_the_filters(self):
        # The profile allows them; PID 1 is a session leader (setsid,
        # setpgid(0, 0) EPERM); the probe's own arguments get EINVAL.
        for name in ("setsid", "setpgid", "msgrcv"):
            with self.subTest(name=name):
                row = self.rows[name]
                self.assertEqual(row["amicontained"], "blocked")
                self.assertEqual(row["profile"]["action"], "allow")
                self.assertEqual(row["class"], "kernel-errno")

    def test_agreement_is_agreement_with_the_profile(self):
        for r in self.result["rows"]:
            if r["class"] in ("agrees", "agrees-absent") and r["profile"]:
                with self.subTest(nr=r["nr"]):
                    denied = r["profile"]["action"] == "deny"
                    self.assertEqual(r["amicontained"] == "blocked", denied)

    def test_calls_the_kernel_lacks(self):
        for name in ("create_module", "kexec_load", "set_thread_area"):
            self.assertEqual(self.rows[name]["class"], "agrees-absent", name)

    def test_above_334_the_filter_denies_what_it_cannot_see(self):
        row = self.rows["clone3"]
        self.assertEqual((row["amicontained"], row["verdict"], row["answer"]),
                         ("not-covered", "blocked", "ENOSYS"))

    def test_counts(self):
        self.assertEqual(self.result["counts"],
                         {"agrees": 296, "agrees-absent": 22, "kernel-errno": 3,
                          "unexplained": 1, "skipped": 11, "unlisted": 2,
                          "not-covered": 51})


class MadeUp(unittest.TestCase):
    ROWS = [("read", 0, "implemented", "EBADF"), ("personality", 135, "blocked", "EPERM"),
            ("sethostname", 170, "blocked-or-denied", "EPERM"),
            ("uselib", 134, "absent", "EPERM"), ("clone3", 435, "blocked", "ENOSYS")]

    def test_filter_enosys_counted_as_allowed(self):
        oracle = {"verdicts": {"0": {"action": "deny", "errno": 38}}}
        r = ac.compare(ami_text(["READ"], []), report(self.ROWS), oracle)
        self.assertEqual(r["rows"][0]["class"], "filter-enosys")

    def test_rules_by_argument(self):
        oracle = {"verdicts": {"135": {"action": "conditional", "errno": None}}}
        r = ac.compare(ami_text(["PERSONALITY"], []), report(self.ROWS), oracle)
        self.assertEqual(next(t for t in r["rows"] if t["nr"] == 135)["class"], "arguments")

    def test_without_oracle_the_ambiguous_stay_undecided(self):
        r = ac.compare(ami_text(["READ"], ["SETHOSTNAME", "USELIB"]), report(self.ROWS))
        cls = {t["name"]: t["class"] for t in r["rows"]}
        self.assertEqual(cls["sethostname"], "undecided")
        # A kernel never answers EPERM for a call it lacks: the filter did.
        self.assertEqual(cls["uselib"], "agrees-absent")
        self.assertEqual(cls["read"], "agrees")

    def test_bad_inputs(self):
        cases = {
            "header": ("Seccomp: filtering\nAllowed Syscalls (2):\n\tREAD\n", "header says 2"),
            "no -d": ("Seccomp: filtering\nBlocked Syscalls (1):\n\tUSELIB\n", "with -d"),
            "not it": ("hello\n", "not amicontained"),
            "unknown": (ami_text(["NO_SUCH_CALL"], []), "does not name"),
        }
        for what, (text, message) in cases.items():
            with self.subTest(what=what), self.assertRaisesRegex(ac.BadInput, message):
                ac.compare(text, report(self.ROWS))
        with self.assertRaisesRegex(ac.BadInput, "x86_64"):
            ac.compare(ami_text([], []), {"kernel": {"machine": "aarch64"}, "catalogue": []})


class Command(unittest.TestCase):
    def run_tool(self, *args):
        return subprocess.run([sys.executable, TOOL, *args], capture_output=True, text=True,
                              timeout=60, check=False)

    def test_writes_json_and_markdown(self):
        with tempfile.TemporaryDirectory() as out:
            p = self.run_tool(f"{FIX}.amicontained.txt", f"{FIX}.report.json",
                              "--oracle", f"{FIX}.oracle.json", "--names", f"{FIX}.names.json",
                              "--out", out, "--meta", "machine=test")
            self.assertEqual(p.returncode, 0, p.stderr)
            with open(os.path.join(out, "amicontained.json"), encoding="utf-8") as f:
                self.assertEqual(json.load(f)["counts"]["kernel-errno"], 3)
            with open(os.path.join(out, "amicontained-short.md"), encoding="utf-8") as f:
                short = f.read()
            self.assertIn("| 112 | setsid | blocked | not-probed | allow | `kernel-errno` |", short)
            self.assertNotIn("| 0 | read |", short)

    def test_bad_input_exit_2_nothing_written(self):
        with tempfile.TemporaryDirectory() as out:
            bad = os.path.join(out, "bad.txt")
            with open(bad, "w", encoding="utf-8") as f:
                f.write("Seccomp: filtering\n")
            p = self.run_tool(bad, f"{FIX}.report.json", "--out", out)
            self.assertEqual(p.returncode, 2)
            self.assertEqual(len(p.stderr.strip().splitlines()), 1)
            self.assertEqual(os.listdir(out), ["bad.txt"])


if __name__ == "__main__":
    unittest.main(verbosity=1)
