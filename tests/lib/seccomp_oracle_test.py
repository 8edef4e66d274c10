#!/usr/bin/python3
"""Unit tests of the profile oracle and its checker on small made-up
profiles and reports (label unit): the engines' rules for includes and
excludes, runc's ENOSYS stub, argument-bound rules, and every kind of
disagreement oracle_check.py must report."""
import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools"))
import containerd_profile  # noqa: E402
import oracle_check  # noqa: E402
import seccomp_oracle  # noqa: E402

TABLE = {"read": 0, "chroot": 161, "reboot": 169, "fsopen": 430, "clone3": 435,
         "personality": 135, "cachestat": 451, "uretprobe": 335}


class Names:
    def number(self, name):
        return TABLE.get(name)


PROFILE = {
    "defaultAction": "SCMP_ACT_ERRNO",
    "defaultErrnoRet": 1,
    "syscalls": [
        {"names": ["read", "no_such_call", "_llseek"], "action": "SCMP_ACT_ALLOW"},
        {"names": ["personality"], "action": "SCMP_ACT_ALLOW",
         "args": [{"index": 0, "value": 0, "op": "SCMP_CMP_EQ"}]},
        {"names": ["fsopen"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
        {"names": ["chroot"], "action": "SCMP_ACT_ALLOW", "includes": {"minKernel": "7.0"}},
        {"names": ["reboot"], "action": "SCMP_ACT_ALLOW", "includes": {"arches": ["arm64"]}},
        {"names": ["clone3"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38,
         "excludes": {"caps": ["CAP_SYS_ADMIN"]}},
        {"names": ["clone3"], "action": "SCMP_ACT_ALLOW", "includes": {"caps": ["CAP_SYS_ADMIN"]}},
    ],
}


def oracle(caps=(), kernel=(6, 18), arch="x86_64", profile=None):
    return seccomp_oracle.resolve(profile or PROFILE, arch, set(caps), kernel, Names())


class Resolve(unittest.TestCase):
    def test_plain_allow_and_default(self):
        o = oracle()
        self.assertEqual(seccomp_oracle.verdict_for(o, 0)[0], "allow")
        self.assertEqual(seccomp_oracle.verdict_for(o, 430)[:2], ("deny", 1))
        self.assertEqual(o["unresolved"], ["_llseek", "no_such_call"])

    def test_caps_include_and_exclude(self):
        self.assertEqual(seccomp_oracle.verdict_for(oracle(), 435)[:2], ("deny", 38))
        admin = oracle(caps={"CAP_SYS_ADMIN"})
        self.assertEqual(seccomp_oracle.verdict_for(admin, 435)[0], "allow")
        self.assertEqual(seccomp_oracle.verdict_for(admin, 430)[0], "allow")

    def test_min_kernel_and_arches(self):
        self.assertEqual(seccomp_oracle.verdict_for(oracle(), 161)[0], "deny")
        self.assertEqual(seccomp_oracle.verdict_for(oracle(kernel=(7, 1)), 161)[0], "allow")
        self.assertEqual(seccomp_oracle.verdict_for(oracle(), 169)[0], "deny")
        self.assertEqual(seccomp_oracle.verdict_for(oracle(arch="aarch64"), 169)[0], "allow")

    def test_runc_enosys_stub_above_the_highest_named(self):
        o = oracle()
        self.assertEqual(o["enosys_stub_above"], 435)
        self.assertEqual(seccomp_oracle.verdict_for(o, 451)[:2], ("deny", 38))
        self.assertEqual(seccomp_oracle.verdict_for(o, 548)[:2], ("deny", 38))
        allow_all = dict(PROFILE, defaultAction="SCMP_ACT_ALLOW")
        o = oracle(profile=allow_all)
        self.assertIsNone(o["enosys_stub_above"])
        self.assertEqual(seccomp_oracle.verdict_for(o, 451)[0], "allow")

    def test_argument_rules_are_not_decided(self):
        self.assertEqual(seccomp_oracle.verdict_for(oracle(), 135)[0], "conditional")

    def test_cap_mask(self):
        self.assertEqual(seccomp_oracle.cap_names_from_mask(1 << 21 | 1), ["CAP_CHOWN", "CAP_SYS_ADMIN"])

    def test_cli_with_a_table_and_bad_input(self):
        with tempfile.TemporaryDirectory() as d:
            prof = os.path.join(d, "p.json")
            tbl = os.path.join(d, "syscall_64.tbl")
            with open(prof, "w", encoding="utf-8") as f:
                json.dump(PROFILE, f)
            with open(tbl, "w", encoding="utf-8") as f:
                f.write("# comment\n0\tcommon\tread\tsys_read\n430\tcommon\tfsopen\tsys_fsopen\n"
                        "512\tx32\trt_sigaction\tcompat_sys_rt_sigaction\n")
            cli = [sys.executable, os.path.join(HERE, "..", "..", "tools", "seccomp_oracle.py")]
            out = subprocess.run(cli + [prof, "--resolver", "table", "--table", tbl,
                                        "--caps", "cap_sys_admin", "--numbers", "0,430,9"],
                                 capture_output=True, text=True, check=True)
            j = json.loads(out.stdout)
            self.assertEqual(j["caps"], ["CAP_SYS_ADMIN"])
            self.assertEqual(j["verdicts"]["430"]["action"], "allow")
            self.assertEqual(j["verdicts"]["9"]["action"], "deny")
            bad = subprocess.run(cli + [prof, "--kernel", "x"], capture_output=True, text=True)
            self.assertEqual(bad.returncode, 2)
            self.assertIn("--kernel", bad.stderr)
            bad = subprocess.run(cli + [os.path.join(d, "none.json")], capture_output=True, text=True)
            self.assertEqual(bad.returncode, 2)


def row(name, nr, verdict, precheck_passed=None, errno=None):
    r = {"name": name, "nr": nr, "verdict": verdict, "explanation": "x.",
         "outcome": {"kind": "errno", "errno": errno} if errno else {"kind": "returned"}}
    if precheck_passed is not False or verdict == "blocked-or-denied":
        r["precheck"] = {"needs": "cap_sys_admin", "passed": precheck_passed,
                         "child_no_new_privs": False}
    return r


def report(rows):
    return {"kernel": {"release": "6.18.44-fc"}, "catalogue": rows}


class Check(unittest.TestCase):
    baseline = report([row("read", 0, "implemented"), row("fsopen", 430, "implemented"),
                       row("clone3", 435, "implemented"), row("cachestat", 451, "absent"),
                       row("uretprobe", 335, "implemented")])

    def problems(self, rows, caps=()):
        return oracle_check.check(self.baseline, report(rows), oracle(caps=caps))[0]

    def test_agreement(self):
        self.assertEqual(self.problems([
            row("read", 0, "implemented"), row("fsopen", 430, "blocked", True),
            row("clone3", 435, "blocked", errno=38), row("cachestat", 451, "absent"),
            row("uretprobe", 335, "implemented")]), [])

    def test_blocked_for_an_allowed_call(self):
        p = self.problems([row("read", 0, "blocked")])
        self.assertEqual(len(p), 1)
        self.assertIn("allowed by the profile", p[0])

    def test_not_blocked_for_a_denied_call(self):
        p = self.problems([row("clone3", 435, "implemented")])
        self.assertIn("denied by the profile", p[0])

    def test_blocked_for_a_call_the_kernel_lacks(self):
        self.assertIn("kernel lacks it", self.problems([row("cachestat", 451, "blocked")])[0])

    def test_blocked_or_denied_only_with_a_failing_precheck(self):
        self.assertEqual(self.problems([row("fsopen", 430, "blocked-or-denied", False)]), [])
        self.assertEqual(self.problems([row("fsopen", 430, "blocked-or-denied", None)]), [])
        self.assertEqual(len(self.problems([row("fsopen", 430, "blocked-or-denied", True)])), 1)
        # Allowed (with the capability), and the kernel's check failing: fine.
        self.assertEqual(self.problems([row("fsopen", 430, "blocked-or-denied", False)],
                                       caps={"CAP_SYS_ADMIN"}), [])

    def test_asked_filters_leave_no_or_verdict_and_prove_every_denial(self):
        asked = report([row("fsopen", 430, "blocked-or-denied", False)])
        asked["confinement"] = {"seccomp": {"asked": {"status": "installed"}}}
        p = oracle_check.check(self.baseline, asked, oracle())[0]
        self.assertEqual(len(p), 1)
        self.assertIn("asked the filters", p[0])
        proven = row("clone3", 435, "blocked", errno=38)
        unproven = dict(proven, answered_by="seccomp-filter", proof="inferred")
        proven.update(answered_by="seccomp-filter", proof="own-filter-silent")
        for rows, count in (([proven], 0), ([unproven], 1)):
            r = report(rows)
            r["confinement"] = asked["confinement"]
            self.assertEqual(len(oracle_check.check(self.baseline, r, oracle())[0]), count, rows)
        # An allowed call said to be the filter's answer.
        wrong = report([dict(row("read", 0, "implemented"), answered_by="seccomp-filter",
                             proof="own-filter-silent")])
        wrong["confinement"] = asked["confinement"]
        self.assertIn("said to be the filter's",
                      oracle_check.check(self.baseline, wrong, oracle())[0][0])

    def test_uretprobe_is_a_named_exception(self):
        problems, notes, _ = oracle_check.check(
            self.baseline, report([row("uretprobe", 335, "implemented")]), oracle())
        self.assertEqual(problems, [])
        self.assertIn("not filtered by seccomp", notes[0])


# containerd's DefaultProfile, cut down to one rule of each kind.
GO = """package seccomp

func DefaultProfile(sp *specs.Spec) *specs.LinuxSeccomp {
\tnosys := uint(unix.ENOSYS)
\tsyscalls := []specs.LinuxSyscall{
\t\t{
\t\t\tNames: []string{
\t\t\t\t"read",
\t\t\t\t"write",
\t\t\t},
\t\t\tAction: specs.ActAllow,
\t\t\tArgs:   []specs.LinuxSeccompArg{},
\t\t},
\t\t{
\t\t\tNames:  []string{"personality"},
\t\t\tAction: specs.ActAllow,
\t\t\tArgs: []specs.LinuxSeccompArg{
\t\t\t\t{
\t\t\t\t\tIndex: 0,
\t\t\t\t},
\t\t\t},
\t\t},
\t}
\tif ok, err := kernelversion.GreaterEqualThan(
\t\tkernelversion.KernelVersion{Kernel: 4, Major: 8}); err == nil {
\t\tif ok {
\t\t\ts.Syscalls = append(s.Syscalls, specs.LinuxSyscall{
\t\t\t\tNames:  []string{"ptrace"},
\t\t\t\tAction: specs.ActAllow,
\t\t\t\tArgs:   []specs.LinuxSeccompArg{},
\t\t\t})
\t\t}
\t}
\tswitch runtime.GOARCH {
\tcase "amd64":
\t\ts.Syscalls = append(s.Syscalls, specs.LinuxSyscall{
\t\t\tNames:  []string{"arch_prctl"},
\t\t\tAction: specs.ActAllow,
\t\t\tArgs:   []specs.LinuxSeccompArg{},
\t\t})
\t}
\tadmin := false
\tfor _, c := range sp.Process.Capabilities.Bounding {
\t\tswitch c {
\t\tcase "CAP_SYS_ADMIN":
\t\t\tadmin = true
\t\t\ts.Syscalls = append(s.Syscalls, specs.LinuxSyscall{
\t\t\t\tNames:  []string{"fsopen"},
\t\t\t\tAction: specs.ActAllow,
\t\t\t\tArgs:   []specs.LinuxSeccompArg{},
\t\t\t})
\t\t}
\t}
\tif !admin {
\t\ts.Syscalls = append(s.Syscalls, specs.LinuxSyscall{
\t\t\tNames: []string{
\t\t\t\t"clone3",
\t\t\t},
\t\t\tAction:   specs.ActErrno,
\t\t\tErrnoRet: &nosys,
\t\t})
\t}
\treturn s
}
"""


class Containerd(unittest.TestCase):
    def test_each_condition_becomes_the_rules_own(self):
        p = containerd_profile.derive(GO, "x86_64")
        rules = {tuple(r["names"]): r for r in p["syscalls"]}
        self.assertEqual(p["defaultAction"], "SCMP_ACT_ERRNO")
        self.assertNotIn("includes", rules[("read", "write")])
        self.assertIn("args", rules[("personality",)])
        self.assertEqual(rules[("ptrace",)]["includes"], {"minKernel": "4.8"})
        self.assertEqual(rules[("arch_prctl",)]["includes"], {"arches": ["amd64"]})
        self.assertEqual(rules[("fsopen",)]["includes"], {"caps": ["CAP_SYS_ADMIN"]})
        self.assertEqual(rules[("clone3",)]["excludes"], {"caps": ["CAP_SYS_ADMIN"]})
        self.assertEqual(rules[("clone3",)]["errnoRet"], 38)
        self.assertEqual(len(p["syscalls"]), 6)

    def test_unknown_source_stops(self):
        with self.assertRaises(SystemExit):
            containerd_profile.derive(GO.replace("specs.ActErrno", "specs.ActTrace"), "x86_64")
        with self.assertRaises(SystemExit):
            containerd_profile.derive("package seccomp\n", "x86_64")


if __name__ == "__main__":
    unittest.main()
