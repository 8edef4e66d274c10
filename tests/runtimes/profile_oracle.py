#!/usr/bin/env python3
"""What a seccomp profile answers for each syscall a probe report tried.

usage: profile_oracle.py PROFILE.json REPORT.json [--stub]

PROFILE is a runtime's default profile in Docker's format (moby
profiles/seccomp/default.json, containers-common seccomp.json) or the OCI
spec's linux.seccomp (containerd). REPORT gives the syscalls (name, number)
and the container's capabilities (confinement.capabilities.bounding_hex),
which decide the rules that carry includes/excludes caps.

--stub: the runtime is runc, which answers ENOSYS for any number above the
highest syscall the profile names before the profile is consulted (unless the
default errno is already ENOSYS).

Prints JSON: {"NAME": {"nr": N, "answer": "allow" | "errno", "errno": E,
"why": "..."}} for the report's own syscall and every catalogue entry.
Exit 2 on bad input.
"""
import json
import sys

# include/uapi/linux/capability.h
CAPS = [
    "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID",
    "SETPCAP", "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW",
    "IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT",
    "SYS_ADMIN", "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD",
    "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP", "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG",
    "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF", "CHECKPOINT_RESTORE",
]
ENOSYS = 38
EPERM = 1
ARCH = {"x86_64": "SCMP_ARCH_X86_64", "aarch64": "SCMP_ARCH_AARCH64"}


def caps_of(report):
    bits = int(report["confinement"]["capabilities"]["bounding_hex"], 16)
    return {"CAP_" + n for i, n in enumerate(CAPS) if bits >> i & 1}


def applies(rule, caps, arch):
    inc, exc = rule.get("includes") or {}, rule.get("excludes") or {}
    if any(c not in caps for c in inc.get("caps") or []):
        return False
    if any(c in caps for c in exc.get("caps") or []):
        return False
    if inc.get("arches") and arch not in inc["arches"] and "amd64" not in inc["arches"]:
        return False
    if exc.get("arches") and (arch in exc["arches"] or "amd64" in exc["arches"]):
        return False
    return True


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2 or any(a not in ("--stub",) for a in argv if a.startswith("--")):
        print("usage: profile_oracle.py PROFILE.json REPORT.json [--stub]", file=sys.stderr)
        return 2
    try:
        with open(args[0]) as f:
            profile = json.load(f)
        with open(args[1]) as f:
            report = json.load(f)
    except (OSError, ValueError) as e:
        print(f"profile_oracle.py: {e}", file=sys.stderr)
        return 2
    stub = "--stub" in argv
    caps = caps_of(report)
    arch = ARCH.get(report["kernel"]["machine"], report["kernel"]["machine"])
    tried = [report["syscall"]] + report.get("catalogue", [])
    numbers = {a["name"]: a["nr"] for a in tried}

    default_errno = profile.get("defaultErrnoRet")
    default_action = profile["defaultAction"]
    if default_errno is None:
        default_errno = EPERM if default_action == "SCMP_ACT_ERRNO" else None

    # Unconditional rules only: a rule on argument values says nothing about
    # the bad arguments the probe passes.
    named, decided, conditional = set(), {}, {}
    for i, rule in enumerate(profile.get("syscalls") or []):
        names = rule.get("names") or ([rule["name"]] if rule.get("name") else [])
        named.update(names)
        if not applies(rule, caps, arch):
            continue
        if rule.get("args"):
            for n in names:
                conditional.setdefault(n, i)
            continue
        for n in names:
            if n in decided:
                continue
            if rule["action"] == "SCMP_ACT_ALLOW":
                decided[n] = ("allow", None, f"rule {i} allows it")
            elif rule["action"] == "SCMP_ACT_ERRNO":
                e = rule.get("errnoRet") or EPERM
                decided[n] = ("errno", e, f"rule {i} answers errno {e}")
    highest = max((numbers[n] for n in named if n in numbers), default=0)

    out = {}
    for a in tried:
        name, nr = a["name"], a["nr"]
        if stub and default_errno != ENOSYS and nr > highest:
            out[name] = {"nr": nr, "answer": "errno", "errno": ENOSYS,
                         "why": f"runc's stub: {nr} is above the highest number the profile names ({highest})"}
        elif name in decided:
            answer, e, why = decided[name]
            out[name] = {"nr": nr, "answer": answer, "errno": e, "why": why}
        elif name in conditional:
            # Only rules on argument values name it (personality, socket):
            # whether the probe's arguments match is the filter's business.
            out[name] = {"nr": nr, "answer": "conditional", "errno": None,
                         "why": f"rule {conditional[name]} depends on the arguments"}
        else:
            out[name] = {"nr": nr, "answer": "errno", "errno": default_errno,
                         "why": f"not listed: the default action ({default_action}, errno {default_errno})"}
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
