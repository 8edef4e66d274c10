#!/usr/bin/env python3
"""Structural checks of the GitHub workflows and action.yml (they cannot run here).

  check_workflows.py ROOT

For every file under ROOT/.github/workflows and ROOT/action.yml:
  - every `uses:` names an action by a 40-hex commit and carries the tag it
    stands for in a comment on the same line (`@<sha> # v1.2.3`);
  - a push or pull_request trigger with a `paths` filter covers the image's
    whole build context: each pattern .dockerignore lets back in, every
    Dockerfile the workflow builds, .dockerignore and the workflow itself.
For .github/workflows/image.yml, the release shape docs/ci.md promises:
  - triggers on v* tags; read-only permissions but for its job, which may
    write packages and ask for an OIDC token (keyless signing);
  - checks the tag against CMakeLists.txt's VERSION before building;
  - builds through scripts/push-image (the command tests/publish runs here)
    with --attest on a tag, and signs the pushed digest with cosign.
For action.yml: a composite action with inputs image, syscalls, expect and
outputs report and expectations-held, every run step in bash.
Exit 0 when all hold, 1 with one line per failure.
"""
import fnmatch
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from workflow import COMMIT, Checks, command, load, pins, run_text, steps, triggers  # noqa: E402

checks = Checks()
check = checks.check


def check_pins(path, text):
    lines = pins(text)
    for ln, m in lines:
        if not check(m is not None, f"{path}: cannot read '{ln.strip()}'"):
            continue
        action, ref, tag = m.groups()
        if action.startswith("./"):
            continue
        check(COMMIT.fullmatch(ref) is not None,
              f"{path}: {action}@{ref} is not pinned by a 40-hex commit")
        check(tag is not None and re.fullmatch(r"v\d+(\.\d+){0,2}", tag) is not None,
              f"{path}: {action}@{ref} has no '# vX.Y.Z' comment naming its tag")
    return len(lines)


def build_context(root):
    """The paths .dockerignore lets back in, as workflow path patterns."""
    pats = []
    with open(os.path.join(root, ".dockerignore"), encoding="utf-8") as f:
        for ln in f:
            ln = ln.strip()
            if ln.startswith("!"):
                p = ln[1:]
                pats.append(p.rstrip("/") + "/**" if p.endswith("/") else p)
    return pats


def covered(path, patterns):
    return any(fnmatch.fnmatchcase(path, p) or p == path for p in patterns)


def check_paths(root, path, wf, dockerfiles):
    on = triggers(wf)
    if not isinstance(on, dict):
        return
    context = build_context(root)
    rel = os.path.relpath(path, root)
    for event in ("push", "pull_request"):
        t = on.get(event)
        if not isinstance(t, dict) or "paths" not in t:
            continue
        pats = t["paths"]
        # A directory's pattern covers a file below it.
        for want in context:
            probe = want.replace("/**", "/x.cc")
            check(covered(probe, pats) or want in pats,
                  f"{rel}: on.{event}.paths misses {want} (in the build context)")
        for want in dockerfiles + [".dockerignore", rel]:
            check(covered(want, pats), f"{rel}: on.{event}.paths misses {want}")


def dockerfiles_built(text):
    files = re.findall(r"(?:-f|--file)\s+\"?(?:\$SP_ROOT/)?(Dockerfile[\w.]*)", text)
    if re.search(r"docker build\b(?![^\n]*(-f|--file))", text):
        files.append("Dockerfile")
    if "scripts/push-image" in text:
        files.append("Dockerfile.multiarch")
    return sorted(set(files))


def check_image(root, path, wf):
    rel = os.path.relpath(path, root)
    push = triggers(wf).get("push") or {}
    check("v*" in (push.get("tags") or []), f"{rel}: no push trigger on v* tags")
    check(wf.get("permissions") == {"contents": "read"}, f"{rel}: top-level permissions not read-only")
    jobs = wf.get("jobs", {})
    check(len(jobs) == 1, f"{rel}: expected one job, got {sorted(jobs)}")
    job = next(iter(jobs.values()), {})
    perms = job.get("permissions", {})
    check(perms.get("packages") == "write" and perms.get("id-token") == "write",
          f"{rel}: the job cannot push packages or ask for an OIDC token")
    check("timeout-minutes" in job, f"{rel}: no timeout-minutes")
    runs = [s.get("run", "") for s in steps(job)]
    i_version = next((i for i, r in enumerate(runs) if "CMakeLists.txt" in r and "GITHUB_REF_NAME" in r), None)
    i_build = next((i for i, r in enumerate(runs) if "scripts/push-image" in r), None)
    check(i_version is not None, f"{rel}: no step compares the tag with CMakeLists.txt's VERSION")
    check(i_build is not None, f"{rel}: no step builds through scripts/push-image")
    if i_version is not None and i_build is not None:
        check(i_version < i_build, f"{rel}: the version check runs after the build")
        check("exit 1" in runs[i_version], f"{rel}: a tag that differs from the version does not fail")
        check("--attest" in runs[i_build] and "--no-push" in runs[i_build],
              f"{rel}: the build neither attests on a tag nor skips the push otherwise")
    used = [s.get("uses", "").split("@")[0] for s in steps(job)]
    for a in ("actions/checkout", "docker/setup-buildx-action", "docker/login-action",
              "sigstore/cosign-installer"):
        check(a in used, f"{rel}: no {a} step")
    check(any(re.search(r"cosign sign --yes [^\n]*@", r) for r in runs),
          f"{rel}: cosign does not sign a digest")
    check(any("imagetools inspect" in r for r in runs), f"{rel}: the pushed index is not inspected")


def check_action(root, path, action):
    rel = os.path.relpath(path, root)
    check(action.get("runs", {}).get("using") == "composite", f"{rel}: not a composite action")
    check({"image", "syscalls", "expect"} <= set(action.get("inputs", {})),
          f"{rel}: inputs {sorted(action.get('inputs', {}))} lack image, syscalls or expect")
    check({"report", "expectations-held"} <= set(action.get("outputs", {})),
          f"{rel}: outputs lack report or expectations-held")
    runs = action.get("runs", {})
    for s in steps(runs):
        if "run" in s:
            check(s.get("shell") == "bash", f"{rel}: step '{s.get('name')}' does not run in bash")
    text = run_text(runs)
    check("GITHUB_STEP_SUMMARY" in text, f"{rel}: nothing is written to the job summary")
    check("--network none" in text, f"{rel}: docker run without --network none")


def main(root):
    files = []
    wdir = os.path.join(root, ".github", "workflows")
    for name in sorted(os.listdir(wdir)):
        if name.endswith((".yml", ".yaml")):
            files.append(os.path.join(wdir, name))
    action_path = os.path.join(root, "action.yml")
    files.append(action_path)
    pinned = 0
    for path in files:
        text, doc = load(path)
        if not check(isinstance(doc, dict), f"{path}: top level is not a mapping"):
            continue
        pinned += check_pins(os.path.relpath(path, root), text)
        if path == action_path:
            check_action(root, path, doc)
            continue
        check_paths(root, path, doc, dockerfiles_built(text))
        if os.path.basename(path) == "image.yml":
            check_image(root, path, doc)
    check(os.path.exists(os.path.join(wdir, "image.yml")), "no .github/workflows/image.yml")
    if not checks.failures:
        print(f"{len(files)} files: {pinned} uses: lines pinned by commit, paths cover the build context")
    return checks.finish()


if __name__ == "__main__":
    command(main, "check_workflows.py ROOT")
