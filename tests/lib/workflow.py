"""Reading GitHub workflow YAML for the structural checks that stand in for
running it (tests/publish/check_workflows.py, tests/matrix/check_workflow.py):
the file and its parsed document, its triggers, a job's steps, their shell
text and the actions they use, the `uses:` lines as written (YAML drops the
comment that names a pin's tag), and one list of failures.
"""
import re
import sys

import yaml

# `uses: owner/name@ref # tag` as one line of the file.
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:")
PIN = re.compile(r"^\s*(?:-\s+)?uses:\s*([^\s@#]+)@(\S+)(?:\s+#\s*(\S+))?\s*$")
COMMIT = re.compile(r"[0-9a-f]{40}")


class Checks:
    """Failures collected one line each; check() returns the condition."""

    def __init__(self):
        self.failures = []

    def check(self, cond, what):
        if not cond:
            self.failures.append(what)
        return cond

    def finish(self, prefix=""):
        """Each failure on its own line, after PREFIX; the exit status (1 if any)."""
        for f in self.failures:
            print(f"{prefix}{f}")
        return 1 if self.failures else 0


def command(main, usage):
    """The command line of a check taking one argument: exit with main(ARG),
    or 2 after USAGE on stderr."""
    if len(sys.argv) != 2:
        print(f"usage: {usage}", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))


def load(path):
    """(text, document) of a workflow or action file."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return text, yaml.safe_load(text)


def triggers(doc):
    """The `on:` mapping; YAML 1.1 reads the bare key `on` as the boolean True."""
    return doc.get("on", doc.get(True)) or {}


def steps(job):
    return job.get("steps", [])


def run_text(job):
    """Every `run:` of the job, one after another."""
    return "\n".join(s.get("run", "") for s in steps(job))


def uses(job):
    """The `uses:` values of the job's steps, ref included."""
    return [s["uses"] for s in steps(job) if "uses" in s]


def pins(text):
    """(line, match or None) for each `uses:` line of the file's text; the
    match's groups are action, ref and the tag comment."""
    return [(ln, PIN.match(ln)) for ln in text.splitlines() if USES_LINE.match(ln)]
