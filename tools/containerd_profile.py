#!/usr/bin/python3
"""Derive containerd's default seccomp profile as Docker-format JSON from its
Go source (contrib/seccomp/seccomp_default.go, as Debian's
golang-github-containerd-containerd-dev ships it): containerd builds the
profile in Go, and no Debian package has it as JSON.

usage: containerd_profile.py SECCOMP_DEFAULT_GO [--arch x86_64|aarch64]

The Go function appends rules under conditions; each becomes one JSON rule
with the same condition, which Docker (and seccomp_oracle.py) apply the same
way containerd does:
  switch runtime.GOARCH { case "amd64": ... }   -> includes.arches
  kernelversion.GreaterEqualThan({Kernel: 4, Major: 8}) -> includes.minKernel
  switch c { case "CAP_X": ... } over the bounding set -> includes.caps
  if !admin { ... } (no CAP_SYS_ADMIN)          -> excludes.caps CAP_SYS_ADMIN
  ErrnoRet: &nosys                              -> errnoRet 38
  a non-empty Args list                         -> args (the oracle leaves the
                                                   call undecided)
Anything the parser does not recognise stops it (exit 2), so a changed
source cannot silently give a wrong profile. Prints the JSON on stdout.
"""
import json
import re
import sys

GOARCH = {"x86_64": "amd64", "aarch64": "arm64", "arm64": "arm64"}
SCMP_ARCHES = {
    "amd64": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
    "arm64": ["SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"],
}
ACTIONS = {"specs.ActAllow": "SCMP_ACT_ALLOW", "specs.ActErrno": "SCMP_ACT_ERRNO"}


def die(message):
    print(f"containerd_profile: {message}", file=sys.stderr)
    sys.exit(2)


def parse(text):
    """Returns [(rule, conditions)] in source order. gofmt indents with tabs,
    so a condition (a case, an if) covers the lines indented deeper than its
    header, up to the next line that is not."""
    body_at = text.find("func DefaultProfile(")
    if body_at < 0:
        die("no func DefaultProfile in the source")
    lines = text[body_at:].splitlines()
    rules = []
    stack = []  # (indent of the header, kind, value)
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped or stripped.startswith("//"):
            i += 1
            continue
        indent = len(line) - len(line.lstrip("\t"))
        while stack and indent <= stack[-1][0]:
            stack.pop()
        m = re.match(r'case (.+):$', stripped)
        if m:
            values = re.findall(r'"([^"]+)"', m.group(1))
            if not values:
                die(f"unexpected case: {stripped}")
            kind = "cap" if all(v.startswith("CAP_") for v in values) else "arch"
            stack.append((indent, kind, values))
        elif stripped == "default:":
            stack.append((indent, "arch-default", None))
        elif stripped.startswith("if !admin"):
            stack.append((indent, "not-admin", None))
        elif "kernelversion.GreaterEqualThan(" in stripped:
            m = re.search(r"Kernel: (\d+), Major: (\d+)", " ".join(lines[i:i + 2]))
            if not m:
                die(f"cannot read the kernel version at: {stripped}")
            stack.append((indent, "kernel", f"{m.group(1)}.{m.group(2)}"))
        if re.match(r"(s\.Syscalls = append\(s\.Syscalls, )?specs\.LinuxSyscall\{$", stripped) or (
                stripped == "{" and i + 1 < len(lines) and "Names:" in lines[i + 1]):
            j, rule = read_rule(lines, i + 1)
            rules.append((rule, [(k, v) for _, k, v in stack]))
            i = j
        i += 1
    return rules


def read_rule(lines, i):
    """Reads one specs.LinuxSyscall literal from line i; returns (last line, rule)."""
    rule = {"names": [], "action": None, "args": False}
    depth = 1
    while i < len(lines):
        s = lines[i].strip()
        m = re.match(r'Names:\s*\[\]string\{(.*)\},$', s)
        if m:
            rule["names"] = re.findall(r'"([^"]+)"', m.group(1))
        elif s == "Names: []string{":
            i += 1
            while lines[i].strip() != "},":
                name = re.fullmatch(r'"([a-z0-9_]+)",', lines[i].strip())
                if not name:
                    die(f"unexpected line in a Names list: {lines[i].strip()}")
                rule["names"].append(name.group(1))
                i += 1
            i += 1  # past the list's "},": it opened and closed one brace
            continue
        elif s.startswith("Action:"):
            action = s.split(":", 1)[1].strip().rstrip(",")
            if action not in ACTIONS:
                die(f"unknown action {action}")
            rule["action"] = ACTIONS[action]
        elif s.startswith("ErrnoRet:"):
            if s != "ErrnoRet: &nosys,":
                die(f"unknown ErrnoRet: {s}")
            rule["errnoRet"] = 38
        elif s.startswith("Args:"):
            if not s.endswith("[]specs.LinuxSeccompArg{},"):
                rule["args"] = True
            depth += s.count("{") - s.count("}")
            i += 1
            continue
        depth += s.count("{") - s.count("}")
        if depth <= 0:
            break
        i += 1
    if not rule["names"] or not rule["action"]:
        die(f"a rule without names or action near line {i}")
    return i, rule


def derive(text, arch):
    goarch = GOARCH[arch]
    out = []
    for rule, conds in parse(text):
        inc, exc = {}, {}
        keep = True
        for kind, value in conds:
            if kind == "arch":
                inc.setdefault("arches", []).extend(value)
            elif kind == "arch-default":
                pass  # the default: branch of an arch switch holds other arches' rules out below
            elif kind == "cap":
                inc.setdefault("caps", []).extend(value)
            elif kind == "not-admin":
                exc.setdefault("caps", []).append("CAP_SYS_ADMIN")
            elif kind == "kernel":
                inc["minKernel"] = value
        if ("arch-default", None) in conds:
            # In `switch GOARCH { case "s390", "s390x": ... default: ... }` the
            # default branch is every other arch: ours, on x86_64 and arm64.
            keep = goarch not in ("s390", "s390x")
        if not keep:
            continue
        entry = {"names": rule["names"], "action": rule["action"]}
        if "errnoRet" in rule:
            entry["errnoRet"] = rule["errnoRet"]
        if rule["args"]:
            # The values do not matter to the oracle: any condition leaves the
            # call undecided. Docker needs a well-formed one to load the file.
            entry["args"] = [{"index": 0, "value": 0, "op": "SCMP_CMP_MASKED_EQ",
                              "valueTwo": 0}]
            entry["comment"] = "argument-bound in containerd's source"
        if inc:
            entry["includes"] = inc
        if exc:
            entry["excludes"] = exc
        out.append(entry)
    return {"defaultAction": "SCMP_ACT_ERRNO", "architectures": SCMP_ARCHES[goarch],
            "syscalls": out}


def main(argv):
    if len(argv) not in (1, 3) or (len(argv) == 3 and argv[1] != "--arch"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    arch = argv[2] if len(argv) == 3 else "x86_64"
    if arch not in GOARCH:
        die(f"--arch '{arch}': x86_64 or aarch64")
    try:
        text = open(argv[0], encoding="utf-8").read()
    except OSError as e:
        die(f"cannot read {argv[0]}: {e.strerror}")
    json.dump(derive(text, arch), sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
