#!/usr/bin/python3
"""Check a census under gVisor against the table of the runsc that ran it.

usage: check_sentry_table.py REPORT.json TABLE.csv

REPORT is the probe's JSON report (--syscalls all) under gVisor; TABLE is
`runsc help syscalls -format csv -arch ARCH` of the very runsc binary that
ran it (scripts/runtimes saves it as DIR/profiles/RUNTIME.syscalls.csv):
columns OS, Arch, Num, Name, Support ("Full Support", "Partial Support",
"Unimplemented"), Note. That table is what the Sentry itself says it
implements, an oracle the probe never reads. Per catalogue row with a number
on the report's architecture that was probed, by its number in the table:
- Full Support: `implemented`;
- Partial Support: `implemented` or `partial`; `absent` only where the
  Sentry refused every request tried (the row's `second_look` outcome is
  ENOSYS too: e.g. io_uring, off by runsc's default flags; or the first
  answer again, proof second-request: the 2022 runsc's io_uring_enter
  answers EPERM to any) or the catalogue
  says no kernel implements the number (`expected` "ENOSYS (never
  implemented)": afs_syscall is a test hook of gVisor's); each such row is
  printed;
- Unimplemented, or a number the table does not list: `absent`;
- on every row: never `occupied`, and `answered_by` is gvisor-sentry, but
  for the numbers Linux lets through every seccomp filter (x86_64 uretprobe
  335 and uprobe 336, kernel/seccomp.c): under runsc's systrap platform,
  which traps calls with a seccomp filter, they reach the host kernel, so
  `implemented` answered by the kernel with its expected answer is right
  there (each such row is printed), and `absent` under another platform.
Prints the rows per (support, verdict), the accepted `absent` Partial rows,
then every contradiction (name, nr, support, verdict, answer, second look,
why); exit 1 on any contradiction, 2 on bad usage or input.
"""
import csv
import io
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tools"))
import report_reader as rr  # noqa: E402

FULL, PARTIAL, UNIMPLEMENTED, UNLISTED = "Full Support", "Partial Support", "Unimplemented", "not listed"
SUPPORTS = (FULL, PARTIAL, UNIMPLEMENTED)
NEVER_IMPLEMENTED = "ENOSYS (never implemented)"
SENTRY = "gvisor-sentry"
# Numbers no seccomp filter sees, per architecture (kernel/seccomp.c).
SECCOMP_PASSTHROUGH = {"x86_64": {335, 336}}
# runsc names architectures as Go does; the report as uname(2) does.
GO_ARCH = {"x86_64": "amd64", "aarch64": "arm64"}


class BadInput(Exception):
    """The report or the table is not what this checker reads."""


def read_table(text, machine):
    """{number: (name, support, note)} of the csv TEXT's rows for `machine`
    (uname's name); BadInput if it has none or an unknown support."""
    arch = GO_ARCH.get(machine, machine)
    reader = csv.DictReader(io.StringIO(text))
    missing = {"Arch", "Num", "Name", "Support"} - set(reader.fieldnames or ())
    if missing:
        raise BadInput(f"the table lacks the column(s) {', '.join(sorted(missing))}")
    table = {}
    for row in reader:
        if row["Arch"] != arch or row.get("OS", "linux") != "linux":
            continue
        if row["Support"] not in SUPPORTS:
            raise BadInput(f"{row['Name']} ({row['Num']}): unknown support {row['Support']!r}")
        table[int(row["Num"])] = (row["Name"], row["Support"], (row.get("Note") or "").strip())
    if not table:
        raise BadInput(f"the table has no row for linux/{arch}")
    return table


def answer(outcome):
    """An outcome in a word or two: ENOSYS, returned 0, SIGSYS, timeout."""
    if outcome is None:
        return "-"
    kind = outcome.get(rr.KIND)
    if kind == "errno":
        return outcome.get(rr.ERRNO_NAME) or f"errno {outcome.get(rr.ERRNO)}"
    if kind == "returned":
        return f"returned {outcome.get(rr.VALUE)}"
    if kind == "signal":
        return outcome.get(rr.SIGNAL_NAME) or f"signal {outcome.get(rr.SIGNAL)}"
    if kind == "error":
        return f"error: {outcome.get(rr.ERROR)}"
    return str(kind)


def is_enosys(outcome):
    return outcome is not None and outcome.get(rr.KIND) == "errno" and (
        outcome.get(rr.ERRNO_NAME) == "ENOSYS" or outcome.get(rr.ERRNO) == 38)


def second_look(row):
    """"REQUEST: ANSWER" of the row's second request, or "-"."""
    look = row.get(rr.SECOND_LOOK)
    if not look:
        return "-"
    return f"{look.get(rr.REQUEST)}: {answer(look.get(rr.OUTCOME))}"


def judge(row, support, machine=""):
    """(ok, why): whether the verdict agrees with the table's support; `why`
    says what the table demands (or, for an accepted row, why it is
    accepted)."""
    verdict = rr.verdict(row)
    if verdict == "occupied":
        return False, "no verdict under gVisor may be occupied: the Sentry is the kernel here"
    if row.get(rr.ANSWERED_BY) == "kernel" and row.get(rr.NR_FIELD) in SECCOMP_PASSTHROUGH.get(machine, ()):
        if verdict == "implemented" and row.get(rr.PROOF) == "expected-answer":
            return True, "seccomp lets this number through every filter: the host kernel answered"
        return False, "answered by the host kernel, but not with the call's own answer"
    if row.get(rr.ANSWERED_BY) != SENTRY:
        return False, f"answered by {row.get(rr.ANSWERED_BY)}, but under gVisor every answer is the Sentry's"
    if support == FULL:
        if verdict == "implemented":
            return True, ""
        return False, "the table says the Sentry implements it, so the verdict should be implemented"
    if support == PARTIAL:
        if verdict in ("implemented", "partial"):
            return True, ""
        if verdict == "absent":
            look = row.get(rr.SECOND_LOOK)
            if look and is_enosys(look.get(rr.OUTCOME)):
                return True, f"the Sentry answered ENOSYS to the second request too ({second_look(row)})"
            if look and answer(look.get(rr.OUTCOME)) == answer(row.get(rr.OUTCOME)) and row.get(rr.PROOF) == "second-request":
                return True, f"the Sentry refused both requests alike ({second_look(row)})"
            if row.get(rr.EXPECTED, "").startswith(NEVER_IMPLEMENTED):
                return True, "the catalogue says no kernel implements this number"
            why = ("its second request got another answer" if look else "no second request was made")
            return False, ("the table says the Sentry implements part of it, so the verdict should be "
                           f"implemented or partial; absent only if every request got ENOSYS, and {why}")
        return False, ("the table says the Sentry implements part of it, so the verdict should be "
                       "implemented or partial")
    if verdict == "absent":
        return True, ""
    where = "does not list the number" if support == UNLISTED else "says the Sentry does not implement it"
    return False, f"the table {where}, so the verdict should be absent"


def check(report, table):
    """(contradictions, accepted, tally): contradictions and accepted rows
    (absent Partial ones, the host kernel's passthrough ones) as dicts (name,
    nr, support, verdict, answer, second_look, why, note); tally {(support,
    verdict): rows}."""
    machine = report.get(rr.KERNEL, {}).get(rr.MACHINE, "")
    contradictions, accepted, tally = [], [], {}
    for row in report.get(rr.CATALOGUE, []):
        nr = row.get(rr.NR_FIELD)
        if nr is None or nr < 0 or row.get(rr.VERDICT) == "not-probed":
            continue
        name, support, note = table.get(nr, (None, UNLISTED, ""))
        tally[(support, rr.verdict(row))] = tally.get((support, rr.verdict(row)), 0) + 1
        ok, why = judge(row, support, machine)
        entry = {"name": rr.name(row), "nr": nr, "support": support, "verdict": rr.verdict(row),
                 "answer": answer(row.get(rr.OUTCOME)), "second_look": second_look(row), "why": why,
                 "note": note.splitlines()[0] if note else "", "table_name": name}
        if not ok:
            contradictions.append(entry)
        elif why:
            accepted.append(entry)
    return contradictions, accepted, tally


def line(e):
    note = f" (runsc: {e['note']})" if e["note"] else ""
    return (f"{e['name']} ({e['nr']}): {e['support']}, verdict {e['verdict']}, answer {e['answer']}, "
            f"second look {e['second_look']}: {e['why']}{note}")


def main(argv):
    if len(argv) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        report = rr.load(argv[0], needs=(rr.KERNEL, rr.CATALOGUE))
        with open(argv[1], encoding="utf-8") as f:
            table = read_table(f.read(), report[rr.KERNEL][rr.MACHINE])
    except (OSError, ValueError, KeyError, BadInput, rr.BadReport) as e:
        print(f"check_sentry_table: {e}", file=sys.stderr)
        return 2
    contradictions, accepted, tally = check(report, table)
    print(f"{report.get(rr.LABEL, argv[0])} against {argv[1]}:")
    for (support, verdict), n in sorted(tally.items()):
        print(f"  {support:<16} {verdict:<18} {n:>4}")
    for e in accepted:
        print(f"accepted: {line(e)}")
    for e in contradictions:
        print(f"BAD: {line(e)}")
    print(f"{sum(tally.values())} rows; {len(accepted)} Partial row(s) absent with reason; "
          f"{len(contradictions)} contradiction(s)")
    return 1 if contradictions else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
