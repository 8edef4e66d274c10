#!/usr/bin/env python3
"""Structural check of .github/workflows/matrix.yml (it cannot run here).

Asserts the shape docs/compare.md promises: a `probe` job over a runner
matrix holding x86_64 and arm64 GitHub-hosted Ubuntu images, each building
the image, running it under the default profile and unconfined with
--network none, uploading JSON; and a `compare` job that needs it, runs even
when a runner failed, downloads every report and appends
`syscall-probe compare --format markdown` to $GITHUB_STEP_SUMMARY.
Exit 0 when every check holds, 1 with one line per failure otherwise.
"""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from workflow import COMMIT, Checks, command, load, run_text, steps, triggers, uses  # noqa: E402

checks = Checks()
check = checks.check


def main(path):
    _, wf = load(path)
    if not check(isinstance(wf, dict), "top level is not a mapping"):
        wf = {}
    on = triggers(wf)
    check(isinstance(on, dict) and "workflow_dispatch" in on,
          "no on.workflow_dispatch trigger (manual runs)")
    check(wf.get("permissions") == {"contents": "read"}, "permissions is not read-only")
    jobs = wf.get("jobs", {})
    check(set(jobs) == {"probe", "compare"}, f"jobs are {sorted(jobs)}, expected probe and compare")

    probe = jobs.get("probe", {})
    runners = probe.get("strategy", {}).get("matrix", {}).get("runner", [])
    check(probe.get("runs-on") == "${{ matrix.runner }}", "probe.runs-on is not the matrix runner")
    check(probe.get("strategy", {}).get("fail-fast") is False, "probe matrix must not fail fast")
    hosted = re.compile(r"^ubuntu-(\d\d\.04|latest)(-arm)?$")
    check(runners and all(hosted.match(r) for r in runners),
          f"runners {runners} are not GitHub-hosted Ubuntu images")
    check(any(r.endswith("-arm") for r in runners), "no arm64 runner in the matrix")
    check(any(not r.endswith("-arm") for r in runners), "no x86_64 runner in the matrix")
    text = run_text(probe)
    check("docker build" in text, "probe job does not build the image")
    runs = [c for c in re.split(r"\n(?=\s*docker run)", text) if "docker run" in c]
    check(len([c for c in runs if "seccomp=unconfined" in c]) == 1, "no single unconfined run")
    check(len([c for c in runs if "seccomp=" not in c]) == 1, "no single default-profile run")
    for c in runs:
        check("--network none" in c, f"a docker run without --network none: {c.strip()[:60]}")
        check("--format json" in c and "--syscalls all" in c, "a run is not --format json --syscalls all")
        check(re.search(r">\s*\"?reports/", c) is not None, "a run does not write into reports/")
    upload = [s for s in steps(probe) if s.get("uses", "").startswith("actions/upload-artifact@")]
    check(len(upload) == 1 and "reports/" in str(upload[0].get("with", {}).get("path", "")),
          "probe job does not upload reports/")

    compare = jobs.get("compare", {})
    needs = compare.get("needs")
    check(needs == "probe" or needs == ["probe"], "compare does not need probe")
    check("cancelled()" in str(compare.get("if", "")) or "always()" in str(compare.get("if", "")),
          "compare is skipped when one runner fails")
    check(any(u.startswith("actions/download-artifact@") for u in uses(compare)),
          "compare does not download the reports")
    ctext = run_text(compare)
    check(re.search(r"compare --format markdown[^\n]*\n?[^\n]*>>\s*\"?\$GITHUB_STEP_SUMMARY", ctext)
          is not None, "compare does not append --format markdown to $GITHUB_STEP_SUMMARY")
    for line in re.findall(r"docker run[^\n]*", ctext):
        check("--network none" in line, f"a docker run without --network none: {line[:60]}")

    for name, job in jobs.items():
        check("timeout-minutes" in job, f"job {name} has no timeout-minutes")
        # The tag each commit stands for is a comment, which YAML drops:
        # tests/publish/check_pins.py reads it from the text.
        for u in uses(job):
            action, _, ref = u.partition("@")
            check(re.fullmatch(r"actions/[a-z-]+", action) is not None and COMMIT.fullmatch(ref) is not None,
                  f"job {name}: '{u}' is not an official action pinned by a commit")
    return checks.finish(f"{path}: ")


if __name__ == "__main__":
    command(main, "check_workflow.py WORKFLOW.yml")
