#!/usr/bin/python3
"""Classify amicontained's syscall claims against the probe's census of the
same container run (README "The census beside amicontained",
docs/amicontained.md). Pure: reads three files, writes two.

usage: amicontained_compare.py AMICONTAINED.txt REPORT.json [--oracle ORACLE.json]
                               [--names FILE|libseccomp] --out DIR [--meta KEY=VALUE ...]

AMICONTAINED.txt  amicontained's stdout, run with -d (prints its "Allowed
                  Syscalls" list as well as "Blocked Syscalls")
REPORT.json       `syscall-probe --format json --syscalls all` (x86_64)
ORACLE.json       tools/seccomp_oracle.py PROFILE ... --numbers 0,1,...:
                  what the profile does with each number (its "verdicts");
                  without it, who answered is read from the probe's verdict
                  alone and ambiguous rows are `undecided`
--names           the numbers of the calls the report does not list (the
                  catalogue's `not-probed` rows: pipe, setsid, sync...): a
                  JSON object {"name": number}, or `libseccomp` (python3-seccomp,
                  x86_64), as runc numbers them
Writes DIR/amicontained.json and DIR/amicontained.md, each whole or not at all.

How amicontained decides (genuinetools/amicontained v0.4.9, main.go
seccompIter): it calls every number 0..334 (SYS_RSEQ of its vendored
x/sys) but 11 with zero arguments, in its own process; EPERM or EACCES is
"blocked", EOPNOTSUPP is in neither list, anything else (ENOSYS, a return,
no answer in 100 ms) is "allowed".

Exit codes: 0 written; 2 bad usage or unreadable/malformed input.
"""
import argparse
import json
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report_reader as rr  # noqa: E402

# amicontained's range and the numbers it never calls (x86_64): rt_sigreturn,
# select, pause, pselect6, ppoll "cause a hang"; exit and exit_group end it;
# clone, fork and vfork "break horribly"; seccomp "itself".
LAST = 334
SKIPPED = {15, 23, 34, 270, 271, 60, 231, 56, 57, 58, 317}

# Class -> one line of what it means; the order is the table's.
CLASSES = {
    "agrees": "same answer on whether the filter denies it",
    "agrees-absent": "same answer on the filter, but the kernel lacks the call: "
                     "amicontained does not say so",
    "kernel-errno": "amicontained: blocked, but the profile allows it: the EPERM/EACCES "
                    "was the kernel's own check (a session leader, an IPC permission, a capability)",
    "filter-enosys": "amicontained: allowed, but the filter answered ENOSYS",
    "arguments": "the profile decides by arguments: amicontained's zero arguments "
                 "and the probe's get different answers",
    "unexplained": "the two disagree and neither rule above explains it (amicontained "
                   "counts a call with no answer in 100 ms as allowed, and prints no errno)",
    "undecided": "neither the profile nor the probe tells the filter from the kernel",
    "skipped": "amicontained never calls it",
    "unlisted": "amicontained got EOPNOTSUPP and lists it nowhere",
    "not-covered": "above 334: amicontained does not know the number",
}
ENOSYS = 38


class BadInput(Exception):
    pass


def parse_amicontained(text):
    """{"seccomp": str, "allowed": [names], "blocked": [names]} from its
    stdout; the names as printed (upper case, or 'N - ERR_UNKNOWN_SYSCALL')."""
    out = {"seccomp": None, "allowed": None, "blocked": []}
    lines = text.splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"^Seccomp: (.*)$", line)
        if m:
            out["seccomp"] = m.group(1).strip()
        m = re.match(r"^(Allowed|Blocked) Syscalls \((\d+)\):$", line)
        if not m:
            continue
        body = lines[i + 1] if i + 1 < len(lines) else ""
        unknown = re.findall(r"(\d+) - ERR_UNKNOWN_SYSCALL", body)
        names = re.sub(r"\d+ - ERR_UNKNOWN_SYSCALL", " ", body).split()
        names += [f"#{n}" for n in unknown]
        if len(names) != int(m.group(2)):
            raise BadInput(f"amicontained's {m.group(1)} list names {len(names)} calls, "
                           f"its header says {m.group(2)}")
        out[m.group(1).lower()] = names
    if out["seccomp"] is None:
        raise BadInput("no 'Seccomp:' line: not amicontained's output")
    if out["allowed"] is None:
        raise BadInput("no 'Allowed Syscalls' list: run amicontained with -d")
    return out


def ami_claims(parsed, by_name):
    """number -> blocked|allowed|unlisted|skipped|not-covered."""
    claims = {}
    for kind in ("allowed", "blocked"):
        for name in parsed[kind]:
            nr = int(name[1:]) if name.startswith("#") else by_name.get(name.lower())
            if nr is None:
                raise BadInput(f"amicontained lists {name}, which the report's catalogue "
                               "does not name")
            claims[nr] = kind
    return claims


def ami_claim(claims, nr):
    if nr > LAST:
        return "not-covered"
    if nr in SKIPPED:
        return "skipped"
    return claims.get(nr, "unlisted")


def answer(row):
    """The probe's answer as text: 'EPERM', 'returned 0', 'SIGILL'..."""
    o = rr.outcome(row)
    if o.get(rr.KIND) == "errno":
        return o.get(rr.ERRNO_NAME) or f"errno {o.get(rr.ERRNO)}"
    if o.get(rr.KIND) == "returned":
        return f"returned {o.get(rr.VALUE)}"
    if o.get(rr.KIND) == "signal":
        return o.get(rr.SIGNAL_NAME) or "signal"
    return o.get(rr.KIND) or "?"


def filter_view(row, rule):
    """(denies: True/False/None, errno or None) for one number: the profile's
    rule where the oracle decides it, else the probe's verdict; None where
    neither tells the filter from the kernel."""
    if rule and rule.get("action") == "deny":
        return True, rule.get("errno")
    if rule and rule.get("action") == "allow":
        return False, None
    verdict = rr.verdict(row)
    if verdict == "blocked":
        return True, rr.outcome(row).get(rr.ERRNO)
    if verdict in ("implemented", "occupied"):
        return False, None
    if verdict == "absent" and answer(row) == "EPERM":
        # A kernel never answers EPERM for a call it lacks: the filter did.
        return True, 1
    return None, None


def classify(claim, row, rule):
    """The class (a key of CLASSES) of amicontained's claim about one number,
    given the probe's row for it and the profile's rule (or None)."""
    if claim in ("not-covered", "skipped", "unlisted"):
        return claim
    denies, errno = filter_view(row, rule)
    conditional = bool(rule) and rule.get("action") in ("conditional", "conflict")
    absent = rr.verdict(row) == "absent"
    if denies is None:
        return "undecided"
    if (claim == "blocked") == denies:
        return "agrees-absent" if absent else "agrees"
    if conditional:
        return "arguments"
    if claim == "blocked" and not denies:
        return "kernel-errno"
    if claim == "allowed" and denies and errno == ENOSYS:
        return "filter-enosys"
    return "unexplained"


def libseccomp_names():
    """{name: number} for 0..LAST on x86_64, from python3-seccomp."""
    try:
        import seccomp  # Debian's python3-seccomp, for /usr/bin/python3
    except ImportError as e:
        raise BadInput("python3-seccomp is not importable (apt-get install "
                       "python3-seccomp), or give --names FILE") from e
    names = {}
    for nr in range(LAST + 1):
        try:
            names[seccomp.resolve_syscall(seccomp.Arch.X86_64, nr).decode()] = nr
        except ValueError:
            pass
    return names


def compare(ami_text, report, oracle=None, names=None):
    if rr.machine(report) not in (None, "x86_64"):
        raise BadInput("amicontained's numbers are x86_64's; the report is of "
                       f"{rr.machine(report)}")
    rows = {rr.nr(r): r for r in rr.catalogue(report) if rr.nr(r) is not None}
    if not rows:
        raise BadInput("the report has no catalogue: run the probe with --syscalls all")
    by_name = dict(names or {})
    by_name.update({rr.name(r): nr for nr, r in rows.items()})
    parsed = parse_amicontained(ami_text)
    claims = ami_claims(parsed, by_name)
    rules = (oracle or {}).get("verdicts") or {}
    if oracle is not None and not rules:
        raise BadInput("the oracle has no 'verdicts': run seccomp_oracle.py with --numbers")
    table = []
    name_of = {nr: name for name, nr in by_name.items()}
    for nr in sorted(set(rows) | set(range(LAST + 1))):
        # Not in the report: a catalogue row the probe does not call.
        row = rows.get(nr, {rr.NAME: name_of.get(nr, f"#{nr}"), rr.VERDICT: "not-probed"})
        rule = rules.get(str(nr))
        claim = ami_claim(claims, nr)
        table.append({
            "nr": nr, "name": rr.name(row), "amicontained": claim,
            "verdict": rr.verdict(row), "answer": answer(row) if rr.OUTCOME in row else None,
            "profile": ({"action": rule["action"], "errno": rule.get("errno")}
                        if rule else None),
            "class": classify(claim, row, rule),
        })
    counts = {c: sum(1 for t in table if t["class"] == c) for c in CLASSES}
    return {
        "amicontained": {"seccomp": parsed["seccomp"], "allowed": len(parsed["allowed"]),
                         "blocked": len(parsed["blocked"]), "range": [0, LAST]},
        "report": {"label": report.get(rr.LABEL), "calls": len(rows),
                   "summary": (report.get(rr.SUMMARY) or {}).get(rr.SUMMARY_TEXT)},
        "oracle": bool(oracle),
        "classes": CLASSES,
        "counts": {c: n for c, n in counts.items() if n},
        "rows": table,
    }


def profile_text(p):
    if not p:
        return "—"
    if p["action"] == "deny":
        return "deny (ENOSYS)" if p["errno"] == ENOSYS else "deny (EPERM)" \
            if p["errno"] == 1 else f"deny (errno {p['errno']})"
    return p["action"]


def markdown(result, meta, interesting_only=False):
    lines = []
    for key, value in meta:
        lines.append(f"- {key}: {value}")
    ami = result["amicontained"]
    lines.append(f"- amicontained: {ami['blocked']} blocked, {ami['allowed']} allowed "
                 f"(numbers 0..{ami['range'][1]}), seccomp: {ami['seccomp']}")
    lines.append(f"- syscall-probe: {result['report']['summary']}")
    lines.append("")
    lines.append("| class | rows | meaning |")
    lines.append("| --- | ---: | --- |")
    for c, n in result["counts"].items():
        lines.append(f"| `{c}` | {n} | {result['classes'][c]} |")
    lines.append("")
    lines.append("| nr | call | amicontained | syscall-probe | profile | class |")
    lines.append("| ---: | --- | --- | --- | --- | --- |")
    boring = {"agrees", "agrees-absent"} if interesting_only else set()
    for t in result["rows"]:
        if t["class"] in boring or (interesting_only and t["class"] == "not-covered"
                                    and t["verdict"] != "blocked"):
            continue
        ours = t["verdict"] + (f" ({t['answer']})" if t["answer"] else "")
        lines.append(f"| {t['nr']} | {t['name']} | {t['amicontained']} | {ours} | "
                     f"{profile_text(t['profile'])} | `{t['class']}` |")
    return "\n".join(lines) + "\n"


def write_whole(path, text):
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path) or ".", prefix=".tmp.")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def load(path, what):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read() if what == "text" else json.load(f)
    except (OSError, ValueError) as e:
        raise BadInput(f"cannot read {path}: {e}") from e


def load_report(path):
    """The census (the fixture keeps only the catalogue's fields: README there)."""
    try:
        return rr.check(load(path, "json"), path, needs=(rr.KERNEL, rr.CATALOGUE))
    except rr.BadReport as e:
        raise BadInput(str(e)) from e


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("amicontained")
    ap.add_argument("report")
    ap.add_argument("--oracle")
    ap.add_argument("--names")
    ap.add_argument("--out", required=True)
    ap.add_argument("--meta", action="append", default=[],
                    help="KEY=VALUE line at the top of the Markdown (date, command, machine)")
    args = ap.parse_args(argv)
    try:
        meta = []
        for m in args.meta:
            if "=" not in m:
                raise BadInput(f"--meta '{m}' is not KEY=VALUE")
            meta.append(tuple(m.split("=", 1)))
        if not os.path.isdir(args.out):
            raise BadInput(f"--out {args.out} is not a directory")
        names = None
        if args.names == "libseccomp":
            names = libseccomp_names()
        elif args.names:
            names = load(args.names, "json")
        result = compare(load(args.amicontained, "text"), load_report(args.report),
                         load(args.oracle, "json") if args.oracle else None, names)
    except BadInput as e:
        print(f"amicontained_compare: {e}", file=sys.stderr)
        return 2
    result["meta"] = dict(meta)
    write_whole(os.path.join(args.out, "amicontained.json"), json.dumps(result, indent=1) + "\n")
    write_whole(os.path.join(args.out, "amicontained.md"), markdown(result, meta))
    write_whole(os.path.join(args.out, "amicontained-short.md"),
                markdown(result, meta, interesting_only=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
