"""The one reader of syscall-probe reports for the project's Python tools and tests.

The contract comes from its sources, never a copy: the schema's name and version
from docs/report.schema.json, the project's constants (MAGIC, LOG_PREFIX, NR,
RELEASE_MARKER) from kernel/include/uapi/linux/syscall_probe.h, the header
HACKING.md calls their single source. Every field name a tool reads is named
here once and checked against the schema when this module is imported: a field
renamed in the schema fails every reader at once, not one tool reading None.

    import report_reader as rr          # tools/ on sys.path
    report = rr.load(path)              # BadReport: one line naming the file
    for row in rr.catalogue(report):
        rr.verdict(row), rr.name(row), rr.outcome(row)[rr.ERRNO_NAME]
"""
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_FILE = ROOT / "docs" / "report.schema.json"
HEADER_FILE = ROOT / "kernel" / "include" / "uapi" / "linux" / "syscall_probe.h"

_SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
SCHEMA_NAME = _SCHEMA["properties"]["schema"]["const"]
SCHEMA_VERSION = _SCHEMA["properties"]["schema_version"]["const"]


def _header_constants(path=HEADER_FILE):
    """#define SYSCALL_PROBE_X value → {"X": int or str}."""
    out = {}
    for m in re.finditer(r'^#define SYSCALL_PROBE_(\w+)\s+("([^"]*)"|(0x[0-9a-fA-F]+|[0-9]+)[UL]*)\s*$',
                         path.read_text(encoding="utf-8"), re.M):
        out[m.group(1)] = m.group(3) if m.group(3) is not None else int(m.group(4), 0)
    return out


_HEADER = _header_constants()
MAGIC = _HEADER["MAGIC"]                    # the own call returns token ^ MAGIC
LOG_PREFIX = _HEADER["LOG_PREFIX"]          # the kernel's log line of the call
NR = _HEADER["NR"]
RELEASE_MARKER = _HEADER["RELEASE_MARKER"]  # uname -r of a patched kernel


def _named(where, *names):
    """NAMES, each a property of the schema object at WHERE (a path of keys)."""
    node = _SCHEMA
    for key in where:
        node = node["properties"][key] if key in node.get("properties", {}) else node[key]
    props = node["properties"]
    for n in names:
        if n not in props:
            raise ImportError(f"report_reader: {'/'.join(where) or 'report'} has no field {n!r} "
                              f"in {SCHEMA_FILE}")
    return names if len(names) > 1 else names[0]


# The report.
(SCHEMA, VERSION_FIELD, PROBE_VERSION, LABEL, GENERATED_AT, KERNEL, CONTAINER, EMULATION,
 CONFINEMENT, KALLSYMS, BTF, SYSCALL, CATALOGUE, SUMMARY) = _named(
    [], "schema", "schema_version", "probe_version", "label", "generated_at", "kernel", "container",
    "emulation", "confinement", "kallsyms", "btf", "syscall", "catalogue", "summary")
RELEASE, NODENAME, MACHINE, FLAVOUR = _named(["kernel"], "release", "nodename", "machine", "flavour")
EMULATED, EMULATOR, PROBE_ARCH, HOST_ARCH = _named(
    ["emulation"], "emulated", "emulator", "probe_arch", "host_arch")
RUNTIME = _named(["container"], "runtime")
SECCOMP, CAPABILITIES = _named(["confinement"], "seccomp", "capabilities")
MODE_NAME, ASKED = _named(["confinement", "seccomp"], "mode_name", "asked")
ASKED_STATUS = _named(["confinement", "seccomp", "asked"], "status")
EFFECTIVE = _named(["confinement", "capabilities"], "effective")
READABLE = _named(["kallsyms"], "readable")
SUMMARY_TEXT = _named(["summary"], "text")
# An attempt (the own call, each catalogue row).
(NAME, NR_FIELD, ARCH, SYMBOL, KERNEL_HAS_SYMBOL, EVIDENCE, EXPECTED, TOKEN, EXPECTED_VALUE,
 VERIFIED, ANSWERED_BY, PROOF, FILTER_NOTIFIED, OUTCOME, SECOND_LOOK, PRECHECK, VERDICT,
 EXPLANATION) = _named(
    ["$defs", "attempt"], "name", "nr", "arch", "symbol", "kernel_has_symbol", "evidence",
    "expected", "token", "expected_value", "verified", "answered_by", "proof", "filter_notified",
    "outcome", "second_look", "precheck", "verdict", "explanation")
NEEDS, PASSED = _named(["$defs", "attempt", "precheck"], "needs", "passed")
REQUEST = _named(["$defs", "attempt", "second_look"], "request")
# An outcome.
(KIND, VALUE, ERRNO, ERRNO_NAME, SIGNAL, SIGNAL_NAME, SECCOMP_SIGNAL, TIMEOUT_MS, ERROR,
 ELAPSED_MS) = _named(
    ["$defs", "outcome"], "kind", "value", "errno", "errno_name", "signal", "signal_name",
    "seccomp_signal", "timeout_ms", "error", "elapsed_ms")
VERDICTS = tuple(_SCHEMA["$defs"]["attempt"]["properties"]["verdict"]["enum"])


class BadReport(Exception):
    """A file that is not a report this checkout reads; str() is one line naming it."""


def check(doc, source, needs=(KERNEL, SYSCALL)):
    """DOC if it is a report of this schema (name, version) holding the objects
    NEEDS, else BadReport."""
    if not isinstance(doc, dict) or doc.get(SCHEMA) != SCHEMA_NAME:
        raise BadReport(f"{source}: not a syscall-probe report (no \"schema\": \"{SCHEMA_NAME}\")")
    if doc.get(VERSION_FIELD) != SCHEMA_VERSION:
        raise BadReport(f"{source}: schema_version {doc.get(VERSION_FIELD)!r}, "
                        f"this checkout reads {SCHEMA_VERSION}")
    for key in needs:
        if not isinstance(doc.get(key), (dict, list)):
            raise BadReport(f"{source}: field \"{key}\" missing")
    return doc


def load(path, needs=(KERNEL, SYSCALL)):
    """The report at PATH; BadReport (one line) if missing, not JSON, of another
    schema or without the objects NEEDS."""
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except FileNotFoundError:
        raise BadReport(f"{path}: no such file") from None
    except (OSError, ValueError) as e:
        raise BadReport(f"{path}: not a JSON report ({e})") from None
    return check(doc, path, needs)


def own(report):
    """The project's own syscall attempt."""
    return report[SYSCALL]


def catalogue(report):
    """The catalogue's attempts, in the report's order ([] without --syscalls)."""
    return report.get(CATALOGUE) or []


def by_name(report):
    """name → catalogue attempt."""
    return {a[NAME]: a for a in catalogue(report)}


def name(attempt):
    return attempt[NAME]


def nr(attempt):
    return attempt.get(NR_FIELD)


def verdict(attempt):
    return attempt.get(VERDICT)


def outcome(attempt):
    """The attempt's outcome ({} where a report lacks it)."""
    return attempt.get(OUTCOME) or {}


def kernel(report):
    return report[KERNEL]


def machine(report):
    return report[KERNEL].get(MACHINE)


def emulation(report):
    """The emulation object ({} in reports of probes before 0.3.0)."""
    return report.get(EMULATION) or {}
