#!/usr/bin/env python3
"""Checks the results of a guest census (scripts/run-guest --mode census).

usage: census_check.py DIR

DIR/guest/ holds what guest/sp-census wrote: snapshot-{start,host,privileged}.txt
around the two root census runs and census-{host,privileged}.json. The check
fails (exit 1, one line per finding) when a snapshot section differs where
nothing may change, when the wall clock moved against the boot clock, or when
a census row did not get an answer a kernel gives (timeout, error, a death
other than uretprobe's SIGILL). Exit 2: bad usage or missing files.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
import report_reader as rr  # noqa: E402

# Sections that may legitimately differ around `docker run`: the engine's own
# mounts, fds and processes. Lines mentioning these are dropped for that run.
DOCKER_NOISE = ("/var/lib/docker", "/run/docker", "/run/containerd", "containerd-shim",
                "docker", "runc", "netns")
CLOCK_DRIFT_S = 2.0


def sections(path):
    out, name = {}, None
    for line in path.read_text().splitlines():
        if line.startswith("== "):
            name = line[3:]
            out[name] = []
        elif name is not None:
            out[name].append(line)
    return out


# Kernel log lines the root census may add: lockdown's notice of a call it
# refused (security/lockdown/lockdown.c; a guest booted with lockdown= logs
# one for the census's kexec_load, the refusal the census is there to see),
# and the clocksource watchdog's note that a TCG guest on a loaded host read
# its clock late. Neither changes any state.
HARMLESS_LOG = ("Lockdown: syscall-probe: ", "clocksource: Long readout interval")


def harmless_lines(dmesg, before, after):
    """Whether lines [before, after) of the final dmesg text are all harmless."""
    lines = dmesg.splitlines()
    if not 0 <= before < after <= len(lines):
        return False
    return all(any(h in l for h in HARMLESS_LOG) for l in lines[before:after])


def compare(before, after, label, docker, dmesg=None):
    problems = []
    for name in sorted(set(before) | set(after)):
        a, b = before.get(name, []), after.get(name, [])
        if name == "clock-boot-epoch":
            try:
                drift = abs(float(b[0]) - float(a[0]))
            except (IndexError, ValueError):
                problems.append(f"{label}: clock section unreadable: {a} {b}")
                continue
            if drift > CLOCK_DRIFT_S:
                problems.append(f"{label}: the wall clock moved {drift:.1f} s against the boot clock")
            continue
        if name == "kernel log lines" and docker:
            continue  # the engine's mounts and veths may log; checked for the direct run
        if name == "kernel log lines" and dmesg and a and b and a[0].isdigit() \
                and b[0].isdigit() and harmless_lines(dmesg, int(a[0]), int(b[0])):
            continue
        if docker:
            a = [l for l in a if not any(n in l for n in DOCKER_NOISE)]
            b = [l for l in b if not any(n in l for n in DOCKER_NOISE)]
        if a != b:
            gone = [l for l in a if l not in b][:5]
            new = [l for l in b if l not in a][:5]
            problems.append(f"{label}: '{name}' changed: gone {gone}, new {new}")
    return problems


def check_report(path, label):
    problems = []
    try:
        rows = rr.catalogue(rr.load(path, needs=(rr.CATALOGUE,)))
    except rr.BadReport as e:
        return [f"{label}: {e}"], 0
    if len(rows) < 300:
        problems.append(f"{label}: only {len(rows)} catalogue rows")
    for row in rows:
        outcome = row.get(rr.OUTCOME, {})
        kind = outcome.get(rr.KIND)
        if kind in ("timeout", "error"):
            problems.append(f"{label}: {rr.name(row)}: {kind}")
        elif kind == "signal" and rr.name(row) != "uretprobe":
            problems.append(f"{label}: {rr.name(row)} killed the caller: {outcome}")
    return problems, len(rows)


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    guest = Path(argv[1]) / "guest"
    need = ["snapshot-start.txt", "snapshot-host.txt", "snapshot-privileged.txt",
            "census-host.json", "census-privileged.json"]
    missing = [n for n in need if not (guest / n).is_file()]
    if missing:
        print(f"census_check: missing in {guest}: {' '.join(missing)}", file=sys.stderr)
        return 2
    start = sections(guest / "snapshot-start.txt")
    host = sections(guest / "snapshot-host.txt")
    privileged = sections(guest / "snapshot-privileged.txt")
    # The whole log, written when the guest ends: the lines the census added
    # are those between the two snapshots' counts.
    log = guest / "dmesg.txt"
    dmesg = log.read_text() if log.is_file() else None
    problems = compare(start, host, "root census", docker=False, dmesg=dmesg)
    problems += compare(host, privileged, "privileged container census", docker=True)
    counts = []
    for name in ("host", "privileged"):
        found, n = check_report(guest / f"census-{name}.json", f"census {name}")
        problems += found
        counts.append(n)
    for p in problems:
        print(p)
    print(f"census_check: {len(start)} sections compared, {counts[0]} + {counts[1]} rows, "
          f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
