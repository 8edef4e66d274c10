#!/usr/bin/env python3
"""Render the demo's side-by-side summary from the probe's JSON reports.

Pure: reads report files (tools/report_reader.py: the schema name and version from
docs/report.schema.json), prints a table and
a few plain sentences on stdout. No Docker, no kernel, no network.

usage: tools/summary.py [--color auto|always|never] [--supervisor DIR]
                        HOST_DIR [GUEST_DIR]

  HOST_DIR   holds unconfined.json and default.json from `docker run` on this
             machine (--security-opt seccomp=unconfined / the default profile)
  GUEST_DIR  the same two reports from the patched host (scripts/run-guest
             --out), plus optional kernel-log.txt and accel (kvm|tcg)
  --supervisor DIR
             DIR holds default.json: the same image on this machine under a
             default profile with a seccomp supervisor answering our syscall
             (scripts/demo, docs/supervisor.md); shown between the two hosts

Exit codes: 0 summary printed; 1 a report is missing or not a v1 report
(one line on stderr naming it); 2 usage error.
"""
import os
import signal
import sys
import textwrap

LABEL_W = 24   # first column
WIDTH = 80     # the whole table: LABEL_W + one cell per column
CELL_W = 28    # widest cell: 24 + 28 + 28 = 80; three columns get 18 each
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report_reader as rr  # noqa: E402
from report_reader import LOG_PREFIX, BadReport, load as load_report  # noqa: E402


def read_text(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return None


def emulator_of(report):
    """The user-mode emulator that translated the report's calls, or None."""
    emu = report.get(rr.EMULATION) or {}
    return (emu.get(rr.EMULATOR) or "an emulator") if emu.get(rr.EMULATED) else None


ANSWERERS = {"kernel": "kernel", "seccomp-filter": "filter", "gvisor-sentry": "Sentry",
             "seccomp-supervisor": "supervisor"}


def answered_by(attempt, cell):
    """CELL behind '<who>: ' for the answerer the report proved, else CELL."""
    name = ANSWERERS.get(attempt.get(rr.ANSWERED_BY))
    return f"{name}: {cell}" if name else cell


def verdict_cell(attempt, emulator=None):
    """Short words for one attempt at our syscall: '<verdict> (<why>)', behind
    who answered where the verdict alone does not say it."""
    verdict = attempt.get(rr.VERDICT, "?")
    out = attempt.get(rr.OUTCOME) or {}
    errno_name = out.get(rr.ERRNO_NAME)
    has = attempt.get(rr.KERNEL_HAS_SYMBOL)
    if verdict == "implemented":
        cell = "implemented (verified)" if attempt.get(rr.VERIFIED) else "implemented (NOT verified)"
        return answered_by(attempt, cell)
    if verdict == "absent":
        if emulator and errno_name == "ENOSYS":
            return f"absent (ENOSYS from {emulator})"
        return answered_by(attempt, f"absent ({errno_name})" if errno_name else "absent")
    if verdict == "blocked":
        how = f"seccomp, {errno_name}" if errno_name else "seccomp"
        if out.get(rr.SIGNAL_NAME):
            how = f"seccomp, {out[rr.SIGNAL_NAME]}"
        tail = "; kernel has it" if has else ""
        return f"blocked ({how}{tail})"
    if verdict == "absent-or-blocked":
        if emulator:
            return f"absent-or-blocked ({errno_name or '?'} from {emulator})"
        return f"absent-or-blocked ({errno_name or '?'} under seccomp)"
    if verdict in ("killed", "occupied") and out.get(rr.SIGNAL_NAME):
        return f"{verdict} ({out[rr.SIGNAL_NAME]})"
    if verdict == "timeout" and out.get(rr.TIMEOUT_MS) is not None:
        return f"timeout ({out[rr.TIMEOUT_MS]} ms)"
    return verdict


def host_symbol_clause(attempt):
    """' (it lists SYMBOL)', ' (it has no SYMBOL)' or '' when unknown."""
    has = attempt.get(rr.KERNEL_HAS_SYMBOL)
    symbol = attempt.get(rr.SYMBOL, "?")
    if has is True:
        return f" (it lists {symbol})"
    if has is False:
        return f" (it has no {symbol})"
    return ""


def symbol_cell(*reports):
    """Whether the kernel has our entry symbol, and which of its tables said
    so, from the first report that looked (the probe looks only when a filter
    could have answered, so the unconfined run often leaves it null)."""
    for report in reports:
        has = report[rr.SYSCALL].get(rr.KERNEL_HAS_SYMBOL)
        if has is not None:
            source = {"btf": "BTF", "kallsyms": "kallsyms"}.get(report[rr.SYSCALL].get(rr.EVIDENCE))
            answer = "yes" if has else "no"
            return f"{answer} ({source})" if source else answer
    if any((r.get(k) or {}).get(rr.READABLE) for r in reports for k in (rr.KALLSYMS, rr.BTF)):
        return "not consulted"
    return "unreadable"


def verification_cell(attempt):
    out = attempt.get(rr.OUTCOME) or {}
    token, want = attempt.get(rr.TOKEN), attempt.get(rr.EXPECTED_VALUE)
    if out.get(rr.KIND) == "returned" and rr.VALUE in out:
        got = out[rr.VALUE]
        mark = "= token^magic" if attempt.get(rr.VERIFIED) else f"!= 0x{want:08x}" if want is not None else ""
        return f"0x{got:08x} {mark}".strip()
    if token is not None:
        return f"none (token 0x{token:08x})"
    return "none"


def arch_cell(report):
    """The architecture the image was built for, and how it ran: natively
    ('aarch64') or translated ('aarch64 on x86_64 via qemu-user')."""
    emu = report.get(rr.EMULATION) or {}
    if emu.get(rr.EMULATED):
        return f"{emu.get(rr.PROBE_ARCH, '?')} on {emu.get(rr.HOST_ARCH, '?')} via {emulator_of(report)}"
    return report[rr.KERNEL].get(rr.MACHINE) or report[rr.SYSCALL].get(rr.ARCH) or "?"


def log_cell(guest_dir):
    if guest_dir is None:
        return "—"
    text = read_text(os.path.join(guest_dir, "kernel-log.txt"))
    if text is None:
        return "(no kernel-log.txt)"
    for line in text.splitlines():
        i = line.find(LOG_PREFIX)
        if i >= 0:
            return '"' + line[i:].strip() + '"'
    return "(no syscall-probe line)"


def supervised_column(sup_dir):
    """Cells of the supervised column: one run, under a default profile with a
    seccomp supervisor; there is no unconfined run and no kernel log."""
    default = load_report(os.path.join(sup_dir, "default.json"))
    cells = {
        "kernel (uname -r)": default[rr.KERNEL].get(rr.RELEASE, "?"),
        "architecture": arch_cell(default),
        "hostname": default[rr.KERNEL].get(rr.NODENAME, "?"),
        "syscall {nr}, unconfined": "—",
        "syscall {nr}, default": verdict_cell(default[rr.SYSCALL], emulator_of(default)),
        "entry symbol in kernel": symbol_cell(default),
        "kernel log": "—",
        "returned value": verification_cell(default[rr.SYSCALL]),
    }
    return "this host + supervisor", cells, default


def column(host_dir, is_guest):
    """Cells of one host column, keyed by row, and its header."""
    unconf = load_report(os.path.join(host_dir, "unconfined.json"))
    default = load_report(os.path.join(host_dir, "default.json"))
    header = "this host"
    if is_guest:
        accel = (read_text(os.path.join(host_dir, "accel")) or "").strip()
        header = f"patched host (VM{', ' + accel if accel else ''})"
    cells = {
        "kernel (uname -r)": unconf[rr.KERNEL].get(rr.RELEASE, "?"),
        "architecture": arch_cell(unconf),
        "hostname": unconf[rr.KERNEL].get(rr.NODENAME, "?"),
        "syscall {nr}, unconfined": verdict_cell(unconf[rr.SYSCALL], emulator_of(unconf)),
        "syscall {nr}, default": verdict_cell(default[rr.SYSCALL], emulator_of(default)),
        "entry symbol in kernel": symbol_cell(unconf, default),
        "kernel log": log_cell(host_dir) if is_guest else "—",
        "returned value": verification_cell(unconf[rr.SYSCALL]),
    }
    return header, cells, unconf, default


COLOURS = {"implemented": "32", "absent": "31", "blocked": "33", "absent-or-blocked": "33",
           "killed": "35", "occupied": "35"}


def paint(text, colour):
    """TEXT with its verdict word coloured (behind an answerer's 'who: ')."""
    name, sep, rest = text.partition(": ")
    if sep and name in ANSWERERS.values():
        return name + sep + paint(rest, colour)
    for word, code in COLOURS.items():
        if text.startswith(word + " ") or text == word:
            return f"\033[{code}m{text}\033[0m" if colour else text
    return text


def render_table(headers, rows, columns, nr, colour):
    cell_w = min(CELL_W, (WIDTH - LABEL_W) // len(columns))
    lines = []
    head = [textwrap.wrap(h, cell_w - 1, break_on_hyphens=False) for h in headers]
    for i in range(max(len(h) for h in head)):
        lines.append((" " * LABEL_W + "".join((h[i] if i < len(h) else "").ljust(cell_w) for h in head)).rstrip())
    for row in rows:
        # A kernel release may be wider than a cell: cut it at its hyphens,
        # never inside a word; other cells keep hyphenated names whole.
        hyphens = row == "kernel (uname -r)"
        wrapped = [textwrap.wrap(c[row], cell_w - 1, break_on_hyphens=hyphens) or [""] for c in columns]
        height = max(len(w) for w in wrapped)
        for i in range(height):
            label = row.format(nr=nr) if i == 0 else ""
            parts = []
            for w in wrapped:
                piece = w[i] if i < len(w) else ""
                pad = " " * (cell_w - len(piece))
                parts.append(paint(piece, colour and i == 0) + pad)
            lines.append((label.ljust(LABEL_W) + "".join(parts)).rstrip())
    return "\n".join(lines)


def supervisor_sentence(supervised, nr):
    """What the supervised run shows, from its report."""
    s = supervised[rr.SYSCALL]
    if s.get(rr.VERDICT) == "implemented" and s.get(rr.VERIFIED) and s.get(rr.ANSWERED_BY) == "seccomp-supervisor":
        return (
            f"On this same kernel, which has no {s.get(rr.SYMBOL, 'entry symbol for it')}, a seccomp "
            "supervisor outside the container (handed the container's seccomp listener by the runtime, "
            f"crun) answered syscall {nr} for the same unchanged image: the value came back verified, "
            "and the probe names the supervisor, not the kernel, as the answerer."
        )
    return (
        f"Under the seccomp supervisor syscall {nr} came back \"{s.get(rr.VERDICT, '?')}\", answered by "
        f"{s.get(rr.ANSWERED_BY, '?')} (expected implemented and verified, answered by the supervisor: "
        "see supervisor/default.json)."
    )


def sentences(host, guest, supervised=None):
    """Three to five plain sentences, chosen from what the reports say."""
    h_unconf, h_default = host
    nr = h_unconf[rr.SYSCALL].get(rr.NR_FIELD, "?")
    emulator = emulator_of(h_unconf)
    out = [
        f"The image holds only a user-space program: a system call is code in the "
        f"kernel, and a container has no kernel of its own, so `uname -r` inside shows "
        f"this host's {h_unconf[rr.KERNEL].get(rr.RELEASE, '?')} and syscall {nr} comes "
        f"back \"{h_unconf[rr.SYSCALL].get(rr.VERDICT, '?')}\" here."
    ]
    if emulator:
        emu = h_unconf.get(rr.EMULATION) or {}
        out[0] = (
            f"The image holds only a user-space program, built for {emu.get(rr.PROBE_ARCH, '?')}: "
            f"on this {emu.get(rr.HOST_ARCH, '?')} host {emulator} translates its calls for "
            f"the kernel it shares ({h_unconf[rr.KERNEL].get(rr.RELEASE, '?')}) and answers "
            f"ENOSYS itself to numbers it does not know, so syscall {nr} comes back "
            f"\"{h_unconf[rr.SYSCALL].get(rr.VERDICT, '?')}\" here: the emulator answered, "
            "and the probe asked the host kernel's own tables whether it has the call"
            + host_symbol_clause(h_unconf[rr.SYSCALL])
            + "."
        )
    if guest is not None:
        g_unconf, g_default = guest
        ok = g_unconf[rr.SYSCALL].get(rr.VERDICT) == "implemented" and g_unconf[rr.SYSCALL].get(rr.VERIFIED)
        out.append(
            f"A VM boots its own kernel, here {g_unconf[rr.KERNEL].get(rr.RELEASE, '?')} built with "
            f"syscall {nr}, and the same image, unchanged, "
            + ("gets the verified value back there." if ok else
               f"got {g_unconf[rr.SYSCALL].get(rr.VERDICT, '?')} there (expected implemented: see the reports).")
        )
        gd = g_default[rr.SYSCALL]
        out.append(
            "Docker's default seccomp profile sits between the container and the kernel and "
            f"answers {((gd.get(rr.OUTCOME) or {}).get(rr.ERRNO_NAME) or 'an error')} to numbers it does not know, "
            f"so under it the call is \"{gd.get(rr.VERDICT, '?')}\" even where the kernel has it; "
            "only --security-opt seccomp=unconfined lets it through."
        )
    elif emulator:
        probe_arch = (h_unconf.get(rr.EMULATION) or {}).get(rr.PROBE_ARCH, "?")
        out.append(
            "A VM would bring its own kernel: run scripts/demo --arch "
            f"{ {'aarch64': 'arm64'}.get(probe_arch, probe_arch)} "
            f"without --host-only to boot one with syscall {nr} built in, where the same image runs "
            "natively and the kernel answers."
        )
        out.append(
            "Docker's default seccomp profile would answer ENOSYS to numbers it does not know "
            f"too, but here {emulator} refuses them before the filter sees them, so both runs read "
            f"\"{h_default[rr.SYSCALL].get(rr.VERDICT, '?')}\"."
        )
    else:
        out.append(
            "A VM would bring its own kernel: run scripts/demo without --host-only to boot "
            f"one with syscall {nr} built in and run the same image there."
        )
        hd = h_default[rr.SYSCALL]
        out.append(
            "Docker's default seccomp profile answers "
            f"{((hd.get(rr.OUTCOME) or {}).get(rr.ERRNO_NAME) or 'an error')} to numbers it does not know, "
            f"so under it the probe sees \"{hd.get(rr.VERDICT, '?')}\" whatever the kernel has; "
            "--security-opt seccomp=unconfined removes that filter."
        )
    if supervised is not None:
        out.append(supervisor_sentence(supervised, nr))
        out.append(
            "To get a new syscall into a container you change the host: its kernel, or what it "
            "puts between the container and the kernel (a supervisor, a sandbox kernel), never the image.")
    else:
        out.append("To get a new syscall into a container you change the host's kernel, not the image.")
    return "\n\n".join(textwrap.fill(s, 78, break_on_hyphens=False) for s in out)


def main(argv):
    colour_mode = "auto"
    sup_dir = None
    args = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-h", "--help"):
            print(__doc__.strip())
            return 0
        if a == "--color" or a.startswith("--color="):
            if "=" in a:
                colour_mode = a.split("=", 1)[1]
            else:
                i += 1
                colour_mode = argv[i] if i < len(argv) else ""
            if colour_mode not in ("auto", "always", "never"):
                print(f"summary: --color takes auto, always or never, not '{colour_mode}'", file=sys.stderr)
                return 2
        elif a == "--supervisor":
            i += 1
            if i >= len(argv) or not argv[i]:
                print("summary: --supervisor needs a directory holding default.json", file=sys.stderr)
                return 2
            sup_dir = argv[i]
        elif a.startswith("-"):
            print(f"summary: unknown option '{a}'; see --help", file=sys.stderr)
            return 2
        else:
            args.append(a)
        i += 1
    if len(args) not in (1, 2):
        print("summary: give HOST_DIR and optionally GUEST_DIR; see --help", file=sys.stderr)
        return 2
    colour = colour_mode == "always" or (
        colour_mode == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
    try:
        h_header, h_cells, h_unconf, h_default = column(args[0], False)
        headers, cols, guest, supervised = [h_header], [h_cells], None, None
        if sup_dir is not None:
            s_header, s_cells, supervised = supervised_column(sup_dir)
            headers.append(s_header)
            cols.append(s_cells)
        if len(args) == 2:
            g_header, g_cells, g_unconf, g_default = column(args[1], True)
            headers.append(g_header)
            cols.append(g_cells)
            guest = (g_unconf, g_default)
    except BadReport as e:
        print(f"summary: {e}", file=sys.stderr)
        return 1
    rows = list(h_cells.keys())
    print(render_table(headers, rows, cols, h_unconf[rr.SYSCALL].get(rr.NR_FIELD, "?"), colour))
    print()
    print(sentences((h_unconf, h_default), guest, supervised))
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` is not an error
    sys.exit(main(sys.argv[1:]))
