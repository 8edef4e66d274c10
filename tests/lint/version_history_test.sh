#!/usr/bin/env bash
# version_history: the probe's version is one number everywhere a user meets it.
# CMakeLists.txt's project VERSION (the probe_version of every report) is
# CHANGELOG.md's newest entry, the binary's --version, and the default of the
# Dockerfiles' VERSION build argument (the image's version label); every
# "added in X" of the report's documentation names a version CHANGELOG.md has.
#   version_history_test.sh [ROOT [SYSCALL_PROBE_BINARY]]
set -euo pipefail
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

usage() { echo "usage: version_history_test.sh [ROOT [SYSCALL_PROBE_BINARY]]" >&2; }
[ $# -le 2 ] || { usage; exit 2; }
root=${1:-$SP_ROOT}
bin=${2:-}
[ -f "$root/CMakeLists.txt" ] || { usage; exit 2; }
py=$(command -v python3) || skip_test "no python3"

binary_version=""
if [ -n "$bin" ]; then
  binary_version=$(timeout 10 "$bin" --version) || fail "$bin --version failed"
fi

timeout 60 "$py" - "$root" "$binary_version" <<'PY'
import os, re, sys
root, binary_version = sys.argv[1], sys.argv[2]
problems = []
read = lambda rel: open(os.path.join(root, rel), encoding="utf-8").read()

m = re.search(r"project\s*\([^)]*?\bVERSION\s+(\d+\.\d+\.\d+)", read("CMakeLists.txt"), re.S)
if not m:
    sys.exit("FAIL: no project(... VERSION X.Y.Z) in CMakeLists.txt")
version = m.group(1)

# Keep a Changelog: "## [X.Y.Z] - YYYY-MM-DD", newest first.
entries = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})\s*$", read("CHANGELOG.md"), re.M)
released = [v for v, _ in entries]
key = lambda v: tuple(int(x) for x in v.split("."))
if not released:
    problems.append("CHANGELOG.md has no '## [X.Y.Z] - YYYY-MM-DD' entry")
else:
    if released[0] != version:
        problems.append(f"CHANGELOG.md's newest entry is {released[0]}, CMakeLists.txt's VERSION {version}")
    if [key(v) for v in released] != sorted((key(v) for v in released), reverse=True) or len(set(released)) != len(released):
        problems.append(f"CHANGELOG.md's entries are not newest first, each once: {released}")
    dates = [d for _, d in entries]
    if dates != sorted(dates, reverse=True):
        problems.append(f"CHANGELOG.md's dates go backwards: {dates}")

if binary_version and binary_version.split()[-1] != version:
    problems.append(f"the binary says {binary_version!r}, CMakeLists.txt {version}")

for dockerfile in ("Dockerfile", "Dockerfile.prebuilt", "Dockerfile.multiarch"):
    if os.path.exists(os.path.join(root, dockerfile)):
        args = re.findall(r"^ARG VERSION=(\S+)", read(dockerfile), re.M)
        if args != [version]:
            problems.append(f"{dockerfile}: ARG VERSION default {args}, CMakeLists.txt {version}")

# The image stage each Dockerfile ends with (FROM scratch: arguments, labels,
# user, entrypoint, command; the COPY aside) is the same in all three: one
# Dockerfile cannot serve the legacy builder, BuildKit's cross build and a
# prebuilt binary's context at once, so this is what keeps the copies equal.
def image_stage(text):
    text = re.sub(r"\\\n\s*", " ", text)
    stage = text[text.rindex("\nFROM scratch"):]
    return [l.strip() for l in stage.splitlines()
            if l.strip() and not l.lstrip().startswith(("#", "COPY"))]
stages = {d: image_stage(read(d)) for d in ("Dockerfile", "Dockerfile.prebuilt", "Dockerfile.multiarch")
          if os.path.exists(os.path.join(root, d))}
for d, stage in stages.items():
    if stage != stages["Dockerfile"]:
        problems.append(f"{d}: its image stage differs from the Dockerfile's: "
                        f"{sorted(set(stage) ^ set(stages['Dockerfile']))}")

# "added in X" across a line break too; a version must be whole (not 0.2.x).
added = 0
# The report's documentation and schema: elsewhere "added in 6.5" is a kernel's.
for path in [os.path.join(root, "docs", f) for f in ("report.md", "report.schema.json")]:
    rel = os.path.relpath(path, root)
    for m in re.finditer(r"\badded\s+in\s+(v?\d[\w.]*\d|v?\d[\w.]*x)\b", open(path, encoding="utf-8").read()):
        named = m.group(1)
        added += 1
        if named not in released:
            problems.append(f"{rel}: 'added in {named}' names no version of CHANGELOG.md ({', '.join(released)})")

for p in problems:
    print("FAIL:", p, file=sys.stderr)
if problems:
    sys.exit(1)
print(f"ok: version {version} = CHANGELOG.md's newest entry"
      + (" = the binary's --version" if binary_version else "")
      + f" = the Dockerfiles' VERSION; {added} 'added in' note(s) name released versions")
PY
