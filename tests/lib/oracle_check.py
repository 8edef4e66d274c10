#!/usr/bin/python3
"""Check a probe census under a seccomp profile against the profile itself.

usage: oracle_check.py BASELINE.json REPORT.json ORACLE.json [--label TEXT]

BASELINE is the probe's JSON report (--syscalls all) with no filter
(seccomp=unconfined), same image and capabilities: its `implemented` rows
are the calls this kernel has. REPORT is the same census under the profile;
ORACLE is `seccomp_oracle.py PROFILE ...` for that container. Asserted, per
catalogue row:
- the kernel lacks it (not implemented unconfined): never `blocked` or
  `blocked-or-denied` (the verdict is the baseline's, or absent-or-blocked);
- the kernel has it and the profile denies it: `blocked`; or
  `blocked-or-denied` where the probe says the caller fails (or may fail) the
  kernel's own check first (attempt.precheck.passed is not true);
- the kernel has it and the profile allows it: the baseline's verdict; or
  `blocked-or-denied` as above; never `blocked`;
- argument-conditional rules: not decided, listed.
Where the probe could ask the filters (confinement.seccomp.asked.status
"installed", docs/verdicts.md "Asking the filter") no `-or-` verdict is
accepted at all, a `blocked` row must be proven by the filter itself
(answered_by seccomp-filter, proof own-filter-silent or seccomp-signal), and a
row the profile allows must not be said to be the filter's.
Known kernel behaviour, named: KNOWN_UNFILTERED calls reach the kernel
whatever the filter says on the kernels listed.
Prints one line per row that is not plain agreement and a tally; exit 1 on
any disagreement, 2 on bad input.
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import report_reader as rr  # noqa: E402
from seccomp_oracle import verdict_for, version_tuple  # noqa: E402

# Calls the kernel runs before seccomp looks (x86_64): uretprobe since 6.11
# (arch/x86/entry/syscall_64.c and kernel/seccomp.c: "uretprobe is not
# filtered"; it kills any caller outside its trampoline with SIGILL), and
# uprobe since 6.18 (same exemption; ENXIO outside a trampoline).
KNOWN_UNFILTERED = {"uretprobe": (6, 11), "uprobe": (6, 18)}

# Calls configured out by a real body that returns -ENOSYS, not by
# COND_SYSCALL's weak stub: with CONFIG_X86_IOPL_IOPERM=n,
# arch/x86/kernel/ioport.c keeps SYSCALL_DEFINE bodies for iopl and ioperm
# that return -ENOSYS, so kallsyms lists strong __x64_sys_iopl/ioperm. Under a
# profile that denies them the filter's EPERM reads as `blocked` (the filter
# did answer), while the unconfined run shows the kernel's ENOSYS.
CONFIG_ENOSYS_BODIES = {"iopl", "ioperm"}

AMBIGUOUS = "blocked-or-denied"


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        print(f"oracle_check: cannot read {path}: {e}", file=sys.stderr)
        sys.exit(2)


def precheck_may_fail(row):
    pre = row.get(rr.PRECHECK)
    return pre is not None and pre.get(rr.PASSED) is not True


PROVEN_BY_FILTER = ("own-filter-silent", "seccomp-signal")


def asked(report):
    """Whether the probe asked the filters themselves in this run."""
    seccomp = report.get(rr.CONFINEMENT, {}).get(rr.SECCOMP, {})
    return seccomp.get(rr.ASKED, {}).get(rr.ASKED_STATUS) == "installed"


def check(baseline, report, oracle):
    """Returns (problems, notes, tally) for the rows of `report`."""
    base = {rr.name(row): row for row in rr.catalogue(baseline)}
    strict = asked(report)
    kernel = version_tuple(report[rr.KERNEL][rr.RELEASE].split("-")[0])
    problems, notes = [], []
    tally = {"denied+has": 0, "allowed+has": 0, "lacks": 0, "undecided": 0}
    for row in rr.catalogue(report):
        name, nr, got = rr.name(row), rr.nr(row), rr.verdict(row)
        b = base.get(name)
        if b is None:
            problems.append(f"{name}: not in the baseline report")
            continue
        has = rr.verdict(b) == "implemented"
        action, errno, why = verdict_for(oracle, nr)
        since = KNOWN_UNFILTERED.get(name)
        if since and kernel >= since and action == "deny" and has:
            if got == rr.verdict(b):
                notes.append(f"{name} ({nr}): denied by the profile ({why}) but reached the "
                             f"kernel: {got}, as on every kernel >= {since[0]}.{since[1]} "
                             "(not filtered by seccomp)")
                tally["denied+has"] += 1
                continue
        ambiguous_ok = got == AMBIGUOUS and precheck_may_fail(row) and not strict
        if strict and "-or-" in got:
            problems.append(f"{name} ({nr}): {got}, although the probe asked the filters: "
                            f"{row[rr.EXPLANATION]}")
            continue
        if not has:
            tally["lacks"] += 1
            if (name in CONFIG_ENOSYS_BODIES and got == "blocked" and action == "deny"
                    and rr.outcome(b).get(rr.ERRNO_NAME) == "ENOSYS"):
                notes.append(f"{name} ({nr}): blocked by the profile ({why}); unconfined the "
                             "kernel's own body answers ENOSYS (CONFIG_X86_IOPL_IOPERM=n keeps a "
                             "strong symbol)")
                continue
            if got in ("blocked", AMBIGUOUS):
                problems.append(f"{name} ({nr}): {got}, but the kernel lacks it "
                                f"(unconfined: {rr.verdict(b)})")
            elif got not in (rr.verdict(b), "absent-or-blocked") or (strict and got != rr.verdict(b)):
                problems.append(f"{name} ({nr}): {got}, unconfined {rr.verdict(b)}")
            continue
        if action in ("conditional", "conflict"):
            tally["undecided"] += 1
            notes.append(f"{name} ({nr}): the profile's rules are {action}; verdict {got}")
            continue
        if action == "deny":
            tally["denied+has"] += 1
            if strict and got == "blocked" and (row.get(rr.ANSWERED_BY) != "seccomp-filter"
                                                or row.get(rr.PROOF) not in PROVEN_BY_FILTER):
                problems.append(f"{name} ({nr}): blocked, but not proven the filter's "
                                f"({row.get(rr.ANSWERED_BY)}, {row.get(rr.PROOF)})")
                continue
            if got == "blocked" or ambiguous_ok:
                out = rr.outcome(row)
                seen = out.get(rr.ERRNO)
                if errno is not None and seen is not None and seen != errno:
                    # Docker 20.10 drops defaultErrnoRet (seccomp/README.md):
                    # a denial all the same, with EPERM.
                    notes.append(f"{name} ({nr}): blocked with {out.get(rr.ERRNO_NAME)}, the "
                                 f"profile says errno {errno} ({why}; Docker 20.10 drops "
                                 "defaultErrnoRet)")
                if ambiguous_ok:
                    notes.append(f"{name} ({nr}): denied ({why}); {AMBIGUOUS}: "
                                 f"{row[rr.PRECHECK][rr.NEEDS]} not held")
                continue
            problems.append(f"{name} ({nr}): denied by the profile ({why}), the kernel has it, "
                            f"but the verdict is {got}: {row[rr.EXPLANATION]}")
        else:
            tally["allowed+has"] += 1
            if strict and row.get(rr.ANSWERED_BY) == "seccomp-filter":
                problems.append(f"{name} ({nr}): allowed by the profile, but said to be the "
                                f"filter's answer ({row.get(rr.PROOF)}): {row[rr.EXPLANATION]}")
                continue
            if got == rr.verdict(b):
                continue
            if ambiguous_ok:
                notes.append(f"{name} ({nr}): allowed; {AMBIGUOUS}: the kernel's own check "
                             f"({row[rr.PRECHECK][rr.NEEDS]}) fails for this caller")
                continue
            problems.append(f"{name} ({nr}): allowed by the profile, but the verdict is {got} "
                            f"(unconfined: {rr.verdict(b)}): {row[rr.EXPLANATION]}")
    return problems, notes, tally


def main(argv):
    label = ""
    if "--label" in argv:
        i = argv.index("--label")
        if i + 1 >= len(argv):
            print("oracle_check: --label needs a value", file=sys.stderr)
            return 2
        label = argv[i + 1] + ": "
        del argv[i:i + 2]
    if len(argv) != 3:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        baseline, report = rr.load(argv[0]), rr.load(argv[1])
    except rr.BadReport as e:
        print(f"oracle_check: {e}", file=sys.stderr)
        return 2
    oracle = load(argv[2])
    if not report.get(rr.CATALOGUE):
        print(f"oracle_check: {argv[1]} has no catalogue rows (--syscalls all?)", file=sys.stderr)
        return 2
    problems, notes, tally = check(baseline, report, oracle)
    for n in notes:
        print(f"{label}note: {n}")
    for p in problems:
        print(f"{label}DISAGREES: {p}")
    print(f"{label}{len(rr.catalogue(report))} rows: " +
          ", ".join(f"{v} {k}" for k, v in tally.items()) +
          f"; {len(problems)} disagreement(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
