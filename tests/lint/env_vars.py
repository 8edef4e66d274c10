#!/usr/bin/env python3
"""lint_env_vars: every environment variable the project reads from its caller
is listed in HACKING.md ("Environment variables"), and the project's own all
carry one prefix.

    env_vars.py ROOT FILE...   (FILE: the tree's files, relative to ROOT)

What counts as a read:
  shell   any expansion of a SYSCALL_PROBE_* name; ${NAME:-...} and the other
          default forms of an upper-case NAME that no shell file of the tree
          assigns (so it can only come from the environment)
  C++     getenv(...) of a literal name, and any "SYSCALL_PROBE_..." literal (the
          tests read their variables through small wrappers)
  Python  os.environ[...], os.environ.get(...), os.getenv(...) of a literal name
  CMake   $ENV{NAME}
Prints one line per problem; exit 1 if there is any, 0 otherwise.
"""

import re
import sys
from pathlib import Path

PREFIX = "SYSCALL_PROBE_"
NAME = r"[A-Z][A-Z0-9_]*"
SHELL_DEFAULT = re.compile(r"\$\{(" + NAME + r")(?::?[-=?+])")
SHELL_OURS = re.compile(r"\$\{?(" + PREFIX + r"[A-Z0-9_]+)")
# How a shell file gives a variable a value: NAME=..., local/declare/export/
# readonly/read/mapfile ... NAME, for NAME in.
SHELL_ASSIGN = re.compile(
    r"(?:^|[\s;&|(`])(" + NAME + r")(?:\[[^\]]*\])?\+?="
    r"|\b(?:local|declare|typeset|export|readonly|read|mapfile|readarray)\b[^;&|\n]*?\b(" + NAME + r")\b"
    r"|\bfor\s+(" + NAME + r")\s+in\b")
CXX_GETENV = re.compile(r"getenv\(\s*\"(" + NAME + r")\"")
CXX_OURS = re.compile(r"\"(" + PREFIX + r"[A-Z0-9_]+)\"")
PY_READ = re.compile(r"(?:environ\.get\(|environ\[|getenv\()\s*[\"'](" + NAME + r")[\"']")
CMAKE_READ = re.compile(r"\$ENV\{(" + NAME + r")\}")
# The section of HACKING.md that lists them, up to the next heading.
SECTION = re.compile(r"^## Environment variables\n(.*?)(?=^## |\Z)", re.M | re.S)


def is_shell(path: Path, text: str) -> bool:
    first = text.split("\n", 1)[0]
    return path.suffix == ".sh" or (first.startswith("#!") and re.search(r"\b(ba)?sh\b", first) is not None) \
        or "# shellcheck shell=" in text


def code_lines(text: str) -> list[str]:
    """Shell lines without their comments (a # that starts a word)."""
    out = []
    for line in text.splitlines():
        stripped = line.lstrip()
        if stripped.startswith("#"):
            continue
        out.append(re.sub(r"(^|\s)#(?![!{]).*$", "", line))
    return out


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__.strip().splitlines()[3].strip(), file=sys.stderr)
        return 2
    root = Path(sys.argv[1])
    reads: dict[str, set[str]] = {}
    defaults: dict[str, set[str]] = {}
    assigned: set[str] = set()

    def read(name: str, where: str) -> None:
        reads.setdefault(name, set()).add(where)

    for rel in sys.argv[2:]:
        path = root / rel
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if path.suffix in (".cc", ".h", ".cpp", ".hpp"):
            for rx in (CXX_GETENV, CXX_OURS):
                for m in rx.finditer(text):
                    read(m.group(1), rel)
        elif path.suffix == ".py":
            for m in PY_READ.finditer(text):
                read(m.group(1), rel)
        elif path.suffix == ".cmake" or path.name == "CMakeLists.txt":
            for m in CMAKE_READ.finditer(text):
                read(m.group(1), rel)
        elif is_shell(path, text):
            for line in code_lines(text):
                for m in SHELL_OURS.finditer(line):
                    read(m.group(1), rel)
                for m in SHELL_DEFAULT.finditer(line):
                    defaults.setdefault(m.group(1), set()).add(rel)
                for m in SHELL_ASSIGN.finditer(line):
                    assigned.update(g for g in m.groups() if g)
    for name, where in defaults.items():
        if name not in assigned:
            for w in where:
                read(name, w)

    hacking = (root / "HACKING.md").read_text(encoding="utf-8")
    section = SECTION.search(hacking)
    if section is None:
        print("HACKING.md has no section '## Environment variables'")
        return 1
    listed = set(re.findall(r"`(" + NAME + r")`", section.group(1)))
    rows = {name for cell in re.findall(r"^\| ([^|]*`[^|]*) \|", section.group(1), re.M)
            for name in re.findall(r"`(" + NAME + r")`", cell)}

    problems = []
    for name in sorted(reads):
        if name not in listed:
            problems.append(f"{name}: read by {', '.join(sorted(reads[name]))}, "
                            "not listed in HACKING.md's 'Environment variables'")
    for name in sorted(rows):
        if not name.startswith(PREFIX):
            problems.append(f"{name}: a row of HACKING.md's table without the prefix {PREFIX}")
        if name not in reads:
            problems.append(f"{name}: listed in HACKING.md, but nothing of the tree reads it")
    for p in problems:
        print(p)
    if not problems:
        print(f"ok: {len(reads)} variables read, each listed in HACKING.md")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
