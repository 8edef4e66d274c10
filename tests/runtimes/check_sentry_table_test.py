#!/usr/bin/python3
"""Unit tests of check_sentry_table.py on a small made-up runsc table and
reports (label unit): each rule holds once and fails once, the table is read
as runsc writes it (quoted notes over several lines, every architecture),
and the command's exit statuses."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check_sentry_table as cst  # noqa: E402

# As `runsc help syscalls -format csv` writes it: a note may be quoted and
# span lines; `-arch all` lists arm64 too, under other numbers.
TABLE = """OS,Arch,Num,Name,Support,Note
linux,amd64,0,read,Full Support,Fully Supported.
linux,amd64,103,syslog,Partial Support,Outputs a dummy message for security reasons.
linux,amd64,169,reboot,Unimplemented,"Returns ""operation not permitted"" if the process does not have CAP_SYS_BOOT; ""invalid system call number"" otherwise.
See: gvisor.dev/issue/1"
linux,amd64,183,afs_syscall,Partial Support,Test implementation.
linux,amd64,425,io_uring_setup,Partial Support,Not all flags and functionality supported.
linux,amd64,426,io_uring_enter,Partial Support,Not all flags and functionality supported.
linux,arm64,63,read,Full Support,Fully Supported.
linux,arm64,142,reboot,Unimplemented,"Returns ""operation not permitted""."
"""

ENOSYS = {"kind": "errno", "errno": 38, "errno_name": "ENOSYS", "elapsed_ms": 0.1}
EPERM = {"kind": "errno", "errno": 1, "errno_name": "EPERM", "elapsed_ms": 0.1}
EFAULT = {"kind": "errno", "errno": 14, "errno_name": "EFAULT", "elapsed_ms": 0.1}


def row(name, nr, verdict, outcome=EPERM, expected="EBADF", answered_by="gvisor-sentry", look=None,
        proof="runtime"):
    r = {"name": name, "nr": nr, "arch": "x86_64", "verdict": verdict, "outcome": outcome,
         "expected": expected, "answered_by": answered_by, "proof": proof, "explanation": "x."}
    if look is not None:
        r["second_look"] = {"request": look[0], "outcome": look[1]}
    return r


# Every rule agreed with, once.
AGREEING = [
    row("read", 0, "implemented", {"kind": "errno", "errno": 9, "errno_name": "EBADF"}),
    row("syslog", 103, "partial", ENOSYS, look=("second-request", EPERM)),
    row("reboot", 169, "absent", ENOSYS, look=("user-namespace", ENOSYS)),
    row("afs_syscall", 183, "absent", ENOSYS, expected="ENOSYS (never implemented)"),
    row("io_uring_setup", 425, "absent", ENOSYS, look=("second-request", ENOSYS)),
    row("cachestat", 451, "absent", ENOSYS),
]


def report(rows, machine="x86_64"):
    return {"schema": cst.rr.SCHEMA_NAME, "schema_version": cst.rr.SCHEMA_VERSION, "label": "test",
            "kernel": {"machine": machine}, "catalogue": rows}


def check(rows):
    return cst.check(report(rows), cst.read_table(TABLE, "x86_64"))


class Table(unittest.TestCase):
    def test_reads_runsc_csv_for_one_architecture(self):
        t = cst.read_table(TABLE, "x86_64")
        self.assertEqual(sorted(t), [0, 103, 169, 183, 425, 426])
        self.assertEqual(t[169][:2], ("reboot", "Unimplemented"))
        self.assertIn("gvisor.dev/issue/1", t[169][2])
        self.assertEqual(sorted(cst.read_table(TABLE, "aarch64")), [63, 142])

    def test_bad_tables(self):
        with self.assertRaises(cst.BadInput):
            cst.read_table(TABLE, "riscv64")
        with self.assertRaises(cst.BadInput):
            cst.read_table("OS,Arch,Num,Name\nlinux,amd64,0,read\n", "x86_64")
        with self.assertRaises(cst.BadInput):
            cst.read_table(TABLE.replace("Full Support,Fully", "Mostly,Fully", 1), "x86_64")


class Rules(unittest.TestCase):
    def test_agreement(self):
        contradictions, accepted, tally = check(AGREEING)
        self.assertEqual(contradictions, [])
        self.assertEqual([e["name"] for e in accepted], ["afs_syscall", "io_uring_setup"])
        self.assertIn("second request too (second-request: ENOSYS)", accepted[1]["why"])
        self.assertEqual(tally[("Partial Support", "absent")], 2)
        self.assertEqual(tally[("not listed", "absent")], 1)

    def one(self, r):
        contradictions, _, _ = check([r])
        self.assertEqual(len(contradictions), 1, contradictions)
        return contradictions[0]

    def test_full_support_must_be_implemented(self):
        e = self.one(row("read", 0, "absent", ENOSYS))
        self.assertEqual((e["support"], e["verdict"], e["answer"]), ("Full Support", "absent", "ENOSYS"))
        self.one(row("read", 0, "partial", ENOSYS, look=("second-request", EPERM)))

    def test_partial_absent_needs_enosys_twice_or_a_never_implemented_number(self):
        self.assertIn("no second request was made", self.one(row("syslog", 103, "absent", ENOSYS))["why"])
        e = self.one(row("io_uring_setup", 425, "absent", ENOSYS, look=("second-request", EFAULT)))
        self.assertIn("another answer", e["why"])
        self.assertEqual(e["second_look"], "second-request: EFAULT")
        self.one(row("syslog", 103, "blocked", EPERM))

    def test_unimplemented_must_be_absent(self):
        e = self.one(row("reboot", 169, "implemented", EPERM))
        self.assertIn("does not implement it", e["why"])
        self.assertIn("CAP_SYS_BOOT", e["note"])
        self.one(row("reboot", 169, "partial", ENOSYS, look=("user-namespace", EPERM)))

    def test_unlisted_number_must_be_absent(self):
        sigill = {"kind": "signal", "signal": 4, "signal_name": "SIGILL"}
        e = self.one(row("uretprobe", 335, "implemented", sigill))
        self.assertEqual((e["support"], e["answer"]), ("not listed", "SIGILL"))

    def test_never_occupied_and_always_the_sentry(self):
        self.assertIn("occupied", self.one(row("cachestat", 451, "occupied", EFAULT))["why"])
        e = self.one(row("read", 0, "implemented", answered_by="kernel"))
        self.assertIn("answered by kernel", e["why"])

    # uretprobe passes every seccomp filter, systrap's too: the host kernel
    # answers it with its own answer; anything else from the kernel is wrong.
    def test_seccomp_passthrough_may_reach_the_host_kernel(self):
        sigill = {"kind": "signal", "signal": 4, "signal_name": "SIGILL"}
        passed = row("uretprobe", 335, "implemented", sigill, answered_by="kernel", proof="expected-answer")
        contradictions, accepted, _ = check([passed])
        self.assertEqual(contradictions, [])
        self.assertIn("host kernel answered", accepted[0]["why"])
        self.assertIn("not with the call's own answer",
                      self.one(row("uretprobe", 335, "implemented", sigill, answered_by="kernel"))["why"])
        arm = cst.check(report([passed], machine="aarch64"), cst.read_table(TABLE, "x86_64"))[0]
        self.assertEqual(len(arm), 1)

    # The same refusal to two requests (EPERM, proof second-request) is a
    # refusal of every request tried too; another answer is not.
    def test_partial_absent_may_refuse_both_requests_alike(self):
        alike = row("io_uring_enter", 426, "absent", EPERM, look=("second-request", EPERM), proof="second-request")
        contradictions, accepted, _ = check([alike])
        self.assertEqual(contradictions, [])
        self.assertIn("refused both requests alike", accepted[0]["why"])
        self.one(row("io_uring_enter", 426, "absent", EPERM, look=("second-request", EFAULT), proof="second-request"))
        self.one(row("io_uring_enter", 426, "absent", EPERM, look=("second-request", EPERM)))

    def test_unprobed_and_unnumbered_rows_are_not_judged(self):
        contradictions, _, tally = check([row("fork", 57, "not-probed"), row("cachestat", -1, "implemented")])
        self.assertEqual((contradictions, tally), ([], {}))


class Command(unittest.TestCase):
    def run_cli(self, rows, table=TABLE, machine="x86_64"):
        with tempfile.TemporaryDirectory() as d:
            rep, tbl = os.path.join(d, "r.json"), os.path.join(d, "t.csv")
            with open(rep, "w", encoding="utf-8") as f:
                json.dump(report(rows, machine), f)
            with open(tbl, "w", encoding="utf-8") as f:
                f.write(table)
            return subprocess.run([sys.executable, os.path.join(HERE, "check_sentry_table.py"), rep, tbl],
                                  capture_output=True, text=True)

    def test_exit_statuses_and_output(self):
        ok = self.run_cli(AGREEING)
        self.assertEqual(ok.returncode, 0, ok.stdout + ok.stderr)
        self.assertIn("accepted: io_uring_setup (425)", ok.stdout)
        self.assertIn("0 contradiction(s)", ok.stdout)
        bad = self.run_cli(AGREEING + [row("reboot", 169, "implemented")])
        self.assertEqual(bad.returncode, 1)
        self.assertIn("BAD: reboot (169): Unimplemented, verdict implemented, answer EPERM, "
                      "second look -", bad.stdout)
        self.assertEqual(self.run_cli(AGREEING, machine="riscv64").returncode, 2)
        self.assertEqual(self.run_cli(AGREEING, table="not,a,table\n").returncode, 2)
        usage = subprocess.run([sys.executable, os.path.join(HERE, "check_sentry_table.py")],
                               capture_output=True, text=True)
        self.assertEqual(usage.returncode, 2)


if __name__ == "__main__":
    unittest.main()
