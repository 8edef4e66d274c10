#!/usr/bin/python3
"""Resolve a Docker/Podman (OCI-style JSON) seccomp profile to what it does
with each syscall NUMBER of one architecture, for a container with given
capabilities on a given kernel: the independent oracle the profile tests
check the probe's verdicts against (docs/verdicts.md "Oracle").

usage: seccomp_oracle.py PROFILE [--arch x86_64|aarch64] [--caps CAP_A,CAP_B |
                                   --cap-mask HEX] [--kernel 6.18]
                                   [--resolver libseccomp|table --table FILE]

Prints one JSON object:
  {"profile", "arch", "kernel", "caps", "default": {"action", "errno"},
   "enosys_stub_above": N or null,
   "numbers": {"NR": {"names": [...], "action": "allow"|"deny"|"conditional",
                      "errno": E or null, "rules": [...]}},
   "unresolved": [names this libseccomp cannot number]}
A number absent from "numbers" meets the default action ("deny" unless the
default allows), or runc's ENOSYS stub when it is above enosys_stub_above.

How engines apply a profile (moby profiles/seccomp/seccomp_linux.go, and
containers/common pkg/seccomp, the same rules):
- a rule applies only if every capability in includes.caps is in the
  container's set, none in excludes.caps is, the architecture is in
  includes.arches (when given) and not in excludes.arches, and the kernel is
  at least includes.minKernel;
- names are numbered by libseccomp for the architecture; a name it does not
  know is skipped (runc logs and ignores it), so such a call meets the
  default action;
- runc >= 1.0 puts an ENOSYS stub in front of every filter whose default
  action is not ALLOW/LOG: any number above the highest one the applied rules
  name gets ENOSYS (seccomp/README.md: verified here with Docker 20.10).
A rule with argument conditions makes a number "conditional": allowed only
for some arguments, so the oracle does not decide it.

Exit codes: 0 printed; 2 bad usage or an unreadable/malformed profile.
"""
import argparse
import json
import sys

# include/uapi/linux/capability.h, bit -> name.
CAPS = """chown dac_override dac_read_search fowner fsetid kill setgid setuid setpcap
linux_immutable net_bind_service net_broadcast net_admin net_raw ipc_lock ipc_owner
sys_module sys_rawio sys_chroot sys_ptrace sys_pacct sys_admin sys_boot sys_nice
sys_resource sys_time sys_tty_config mknod lease audit_write audit_control setfcap
mac_override mac_admin syslog wake_alarm block_suspend audit_read perfmon bpf
checkpoint_restore""".split()

# Our architecture names -> (engine's GOARCH name in profiles, libseccomp arch).
ARCHES = {"x86_64": ("amd64", "X86_64"), "aarch64": ("arm64", "AARCH64"),
          "arm64": ("arm64", "AARCH64")}

ALLOWING = {"SCMP_ACT_ALLOW", "SCMP_ACT_LOG"}
ENOSYS = 38
EPERM = 1


def die(message):
    print(f"seccomp_oracle: {message}", file=sys.stderr)
    sys.exit(2)


def cap_names_from_mask(mask):
    return [f"CAP_{name.upper()}" for bit, name in enumerate(CAPS) if mask >> bit & 1]


def version_tuple(text):
    parts = []
    for piece in text.split("."):
        digits = "".join(ch for ch in piece if ch.isdigit()) if piece else ""
        if not digits:
            break
        parts.append(int(digits))
        if len(digits) != len(piece):
            break
    return tuple(parts)


def applies(rule, caps, goarch, kernel):
    inc = rule.get("includes") or {}
    exc = rule.get("excludes") or {}
    if any(c not in caps for c in inc.get("caps") or []):
        return False
    if any(c in caps for c in exc.get("caps") or []):
        return False
    if inc.get("arches") and goarch not in inc["arches"]:
        return False
    if exc.get("arches") and goarch in exc["arches"]:
        return False
    if inc.get("minKernel") and kernel < version_tuple(inc["minKernel"]):
        return False
    return True


def rule_errno(rule, default_errno):
    if rule.get("action") in ALLOWING:
        return None
    if rule.get("action") == "SCMP_ACT_ERRNO":
        return rule.get("errnoRet", default_errno)
    return None


class LibseccompNames:
    """Numbers names as runc does: through libseccomp (python3-seccomp)."""

    def __init__(self, arch):
        try:
            import seccomp  # Debian's python3-seccomp, for /usr/bin/python3
        except ImportError:
            die("python3-seccomp is not importable (apt-get install python3-seccomp), "
                "or use --resolver table --table FILE")
        self.seccomp = seccomp
        self.arch = getattr(seccomp.Arch, arch)

    def number(self, name):
        nr = self.seccomp.resolve_syscall(self.arch, name)
        return nr if nr >= 0 else None


class TableNames:
    """Numbers names from a kernel table: syscall_64.tbl lines
    'NR ABI NAME ENTRY' (ABIs common/64 kept) or 'NAME NR' pairs."""

    def __init__(self, path):
        self.names = {}
        try:
            lines = open(path, encoding="utf-8").read().splitlines()
        except OSError as e:
            die(f"cannot read --table {path}: {e.strerror}")
        for line in lines:
            fields = line.split("#", 1)[0].split()
            if len(fields) >= 3 and fields[0].isdigit() and fields[1] in ("common", "64"):
                self.names.setdefault(fields[2], int(fields[0]))
            elif len(fields) == 2 and fields[1].isdigit():
                self.names.setdefault(fields[0], int(fields[1]))

    def number(self, name):
        return self.names.get(name)


def resolve(profile, arch, caps, kernel, names):
    goarch = ARCHES[arch][0]
    default_action = profile.get("defaultAction")
    if not default_action:
        die("the profile has no defaultAction")
    default_errno = profile.get("defaultErrnoRet", EPERM)
    numbers = {}
    unresolved = set()
    for rule in profile.get("syscalls") or []:
        if not applies(rule, caps, goarch, kernel):
            continue
        rule_names = list(rule.get("names") or [])
        if rule.get("name"):
            rule_names.append(rule["name"])
        for name in rule_names:
            nr = names.number(name)
            if nr is None:
                unresolved.add(name)
                continue
            entry = numbers.setdefault(nr, {"names": [], "rules": []})
            if name not in entry["names"]:
                entry["names"].append(name)
            entry["rules"].append({"action": rule.get("action"),
                                   "errno": rule_errno(rule, default_errno),
                                   "args": bool(rule.get("args"))})
    for nr, entry in numbers.items():
        plain = [r for r in entry["rules"] if not r["args"]]
        allow = [r for r in plain if r["action"] in ALLOWING]
        deny = [r for r in plain if r["action"] not in ALLOWING]
        if allow and not deny:
            entry.update(action="allow", errno=None)
        elif deny and not allow:
            entry.update(action="deny", errno=deny[0]["errno"], by=deny[0]["action"])
        elif allow and deny:
            entry.update(action="conflict", errno=None)
        else:
            entry.update(action="conditional", errno=None)
    stub = None
    if default_action not in ALLOWING and numbers:
        stub = max(numbers)
    return {
        "profile_default": {"action": default_action,
                            "errno": default_errno if default_action == "SCMP_ACT_ERRNO" else None},
        "enosys_stub_above": stub,
        "numbers": {str(nr): numbers[nr] for nr in sorted(numbers)},
        "unresolved": sorted(unresolved),
    }


def verdict_for(oracle, nr):
    """What the profile does with number `nr`: ("allow"|"deny"|"conditional"|
    "conflict", errno or None, why)."""
    entry = oracle["numbers"].get(str(nr))
    if entry:
        return entry["action"], entry.get("errno"), "named by an applied rule"
    default = oracle["profile_default"]
    if default["action"] in ALLOWING:
        return "allow", None, "default action"
    stub = oracle["enosys_stub_above"]
    if stub is not None and nr > stub:
        return "deny", ENOSYS, f"runc's ENOSYS stub (above {stub})"
    return "deny", default["errno"], f"default action {default['action']}"


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("profile")
    ap.add_argument("--arch", default="x86_64", choices=sorted(ARCHES))
    ap.add_argument("--caps", default=None,
                    help="comma-separated capability names (CAP_SYS_ADMIN or cap_sys_admin)")
    ap.add_argument("--cap-mask", default=None, help="hex mask, as /proc/self/status CapBnd")
    ap.add_argument("--kernel", default="99.0", help="running kernel version, e.g. 6.18")
    ap.add_argument("--resolver", default="libseccomp", choices=["libseccomp", "table"])
    ap.add_argument("--table", default=None, help="kernel syscall table for --resolver table")
    ap.add_argument("--numbers", default=None,
                    help="comma-separated numbers: add a 'verdicts' object for them")
    args = ap.parse_args(argv)
    if args.caps is not None and args.cap_mask is not None:
        die("give --caps or --cap-mask, not both")
    if args.cap_mask is not None:
        try:
            caps = cap_names_from_mask(int(args.cap_mask, 16))
        except ValueError:
            die(f"--cap-mask '{args.cap_mask}' is not hex, e.g. 00000000a80425fb")
    else:
        caps = [c.strip().upper() for c in (args.caps or "").split(",") if c.strip()]
        caps = [c if c.startswith("CAP_") else "CAP_" + c for c in caps]
    kernel = version_tuple(args.kernel)
    if not kernel:
        die(f"--kernel '{args.kernel}' is not a version, e.g. 6.18")
    try:
        with open(args.profile, encoding="utf-8") as f:
            profile = json.load(f)
    except (OSError, ValueError) as e:
        die(f"cannot read profile {args.profile}: {e}")
    if args.resolver == "table":
        if not args.table:
            die("--resolver table needs --table FILE")
        names = TableNames(args.table)
    else:
        names = LibseccompNames(ARCHES[args.arch][1])
    out = {"profile": args.profile, "arch": args.arch, "kernel": args.kernel, "caps": caps}
    out.update(resolve(profile, args.arch, set(caps), kernel, names))
    if args.numbers:
        out["verdicts"] = {}
        for n in args.numbers.split(","):
            action, errno, why = verdict_for(out, int(n))
            out["verdicts"][n] = {"action": action, "errno": errno, "why": why}
    json.dump(out, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
