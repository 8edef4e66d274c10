#!/usr/bin/env python3
"""Check a report under a runtime's default profile against that profile.

usage: check_verdicts.py DEFAULT.json UNCONFINED.json ORACLE.json PROFILE-NAME [--eperm-known]

ORACLE is profile_oracle.py's answer for the same profile. UNCONFINED is the
same runtime without a filter: what the kernel itself answers. For every
attempt:
- the profile denies it with errno E: the outcome is E; the verdict is
  `blocked` when the kernel has the call (ENOSYS; for EPERM also
  `blocked-or-denied`), `absent` when it does not; an ENOSYS explanation
  names PROFILE-NAME;
- the profile allows it: the outcome is the unconfined one (the kernel
  answered), and so is the verdict, except that a kernel's own EPERM (a
  capability check) under a filter cannot be told from the filter's, unless
  --eperm-known: the probe knows which calls the profile answers EPERM
  (Podman's), so the verdict must be the unconfined one there too.
uretprobe and uprobe are skipped: the kernel lets them through every filter.
Prints one line per attempt; exit 1 if any is wrong.
"""
import json
import os
import sys

# iopl/ioperm's -ENOSYS bodies: named once, in the profile oracle's checker.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from oracle_check import CONFIG_ENOSYS_BODIES  # noqa: E402

BYPASS = {"uretprobe", "uprobe"}  # seccomp/README.md
ENOSYS, EPERM = 38, 1


def answer(a):
    o = a["outcome"]
    return (o["kind"], o.get("errno"), o.get("signal"))


def main(argv):
    eperm_known = "--eperm-known" in argv
    argv = [a for a in argv if a != "--eperm-known"]
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[0]) as f:
        d = json.load(f)
    with open(argv[1]) as f:
        u = json.load(f)
    with open(argv[2]) as f:
        oracle = json.load(f)
    who = argv[3]
    free = {a["name"]: a for a in [u["syscall"]] + u["catalogue"]}
    bad = 0
    for a in [d["syscall"]] + d["catalogue"]:
        name, o, v = a["name"], a["outcome"], a["verdict"]
        p, k = oracle[name], free[name]
        has = k["verdict"] == "implemented"
        line = f"{name:24} {o.get('errno_name') or o['kind']:8} {v:18} profile: {p['why']}"
        problems = []
        if name in BYPASS:
            print("skip  " + line + " (the kernel lets it through every filter)")
            continue
        if p["answer"] == "conditional":
            print("skip  " + line + " (the profile's rule depends on the arguments)")
            continue
        if (name in CONFIG_ENOSYS_BODIES and not has and v == "blocked"
                and k["outcome"].get("errno_name") == "ENOSYS"):
            print("ok    " + line + " (CONFIG_X86_IOPL_IOPERM=n: the kernel's own body "
                  "answers ENOSYS, a strong symbol; the filter answered here)")
            continue
        if p["answer"] == "errno":
            if o["kind"] != "errno" or o["errno"] != p["errno"]:
                problems.append(f"outcome should be errno {p['errno']}")
            want = {"absent"} if not has else (
                {"blocked"} if p["errno"] == ENOSYS else {"blocked", "blocked-or-denied"})
            if v not in want:
                problems.append(f"verdict should be {'/'.join(sorted(want))}")
            if has and p["errno"] == ENOSYS and who not in a["explanation"]:
                problems.append(f"explanation does not name {who}: {a['explanation']}")
        else:
            if answer(a) != answer(k):
                problems.append(f"allowed, so the answer should be the kernel's: {k['outcome']}")
            elif o["kind"] == "errno" and o["errno"] == EPERM and not eperm_known:
                # The kernel's own EPERM: the verdict may not say absent.
                if v not in ("implemented", "blocked", "blocked-or-denied"):
                    problems.append("the kernel answered EPERM: implemented or blocked(-or-denied)")
            elif v != k["verdict"]:
                problems.append(f"verdict should be the unconfined one, {k['verdict']}")
        bad += bool(problems)
        print(("BAD   " if problems else "ok    ") + line + "".join("\n      -> " + p for p in problems))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
