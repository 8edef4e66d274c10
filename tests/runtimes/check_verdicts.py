#!/usr/bin/env python3
"""Check a report under a runtime's default profile against that profile.

usage: check_verdicts.py DEFAULT.json UNCONFINED.json ORACLE.json PROFILE-NAME

ORACLE is tools/seccomp_oracle.py's resolution of the runtime's own
profile for the container of DEFAULT (its bounding set, architecture and
kernel): the one resolver of every profile test. UNCONFINED is the same
runtime without a filter: what the kernel itself answers.

The verdicts are checked by tests/lib/oracle_check.py, as every census under
a profile is: `blocked` exactly where the profile denies a call the kernel
has, `blocked-or-denied` only where the caller fails (or may fail) the
kernel's own check, the kernel's verdict where the profile allows the call;
its KNOWN_UNFILTERED and CONFIG_ENOSYS_BODIES name the kernel's exceptions.
On top, per attempt, what only a runtime's own run shows:
- the profile denies it with errno E: the outcome is E, and an ENOSYS
  `blocked` explanation names PROFILE-NAME (the runtime the probe found);
- the profile allows it: the outcome is the unconfined one (the kernel
  answered, not the filter).
Prints the census check's notes and problems, then one line per attempt the
outcome checks reject; exit 1 if anything is wrong, 2 on bad usage.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools"))
import report_reader as rr  # noqa: E402
from oracle_check import KNOWN_UNFILTERED, check  # noqa: E402
from seccomp_oracle import verdict_for, version_tuple  # noqa: E402

ENOSYS = 38


def answer(a):
    o = rr.outcome(a)
    return (o[rr.KIND], o.get(rr.ERRNO), o.get(rr.SIGNAL))


def outcome_problems(d, u, oracle, who):
    """Lines for the attempts whose outcome is not what the profile makes it."""
    free = {rr.name(a): a for a in rr.catalogue(u)}
    kernel = version_tuple(d[rr.KERNEL][rr.RELEASE].split("-")[0])
    bad = []
    for a in rr.catalogue(d):
        name, o = rr.name(a), rr.outcome(a)
        since = KNOWN_UNFILTERED.get(name)
        if since and kernel >= since:
            continue  # reaches the kernel whatever the profile says
        action, errno, why = verdict_for(oracle, rr.nr(a))
        if action == "deny":
            if o[rr.KIND] != "errno" or o[rr.ERRNO] != errno:
                bad.append(f"{name}: denied ({why}), so the outcome should be errno {errno}, "
                           f"not {o.get(rr.ERRNO_NAME) or o[rr.KIND]}")
            elif errno == ENOSYS and rr.verdict(a) == "blocked" and who not in a[rr.EXPLANATION]:
                bad.append(f"{name}: the explanation does not name {who}: {a[rr.EXPLANATION]}")
        elif action == "allow" and answer(a) != answer(free[name]):
            bad.append(f"{name}: allowed ({why}), so the answer should be the kernel's: "
                       f"{free[name]['outcome']}, not {o}")
    return bad


def main(argv):
    if len(argv) != 4:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        d, u = rr.load(argv[0]), rr.load(argv[1])
        with open(argv[2], encoding="utf-8") as f:
            oracle = json.load(f)
    except (OSError, ValueError, rr.BadReport) as e:
        print(f"check_verdicts: {e}", file=sys.stderr)
        return 2
    problems, notes, tally = check(u, d, oracle)
    problems += outcome_problems(d, u, oracle, argv[3])
    for n in notes:
        print(f"note: {n}")
    for p in problems:
        print(f"BAD: {p}")
    print(f"{len(rr.catalogue(d))} rows: " + ", ".join(f"{v} {k}" for k, v in tally.items()) +
          f"; {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
