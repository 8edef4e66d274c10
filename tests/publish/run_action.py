#!/usr/bin/env python3
"""Run action.yml's own steps here, as GitHub's runner runs a composite action.

  run_action.py ACTION_YML WORKDIR [NAME=VALUE...]

NAME=VALUE are the action's inputs (the rest take their defaults); WORKDIR
receives RUNNER_TEMP, each step's GITHUB_OUTPUT and the GITHUB_STEP_SUMMARY.
Each `run:` step is written to a file and run with `bash --noprofile --norc
-eo pipefail FILE` (the runner's bash), its `env:` resolved first. The
expressions the action may use are resolved as the runner would:
${{ inputs.NAME }}, ${{ steps.ID.outputs.NAME }}, ${{ github.action_path }},
${{ github.action_repository }} and ${{ github.action_ref }} (empty: a local
action has neither); any other expression is an error, so the action cannot
drift away from what this runner can check. A step without `if:` runs only
while every step before it succeeded, as on GitHub.

Prints JSON: {"steps": [{"name", "rc"}], "outputs": {...}, "summary": TEXT,
"rc": the first failing step's status or 0}.
"""
import json
import os
import re
import subprocess
import sys

import yaml

EXPR = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


def main(action_path, workdir, pairs):
    with open(action_path, encoding="utf-8") as f:
        action = yaml.safe_load(f)
    inputs = {k: str(v.get("default", "")) for k, v in action.get("inputs", {}).items()}
    for p in pairs:
        name, _, value = p.partition("=")
        if name not in inputs:
            raise SystemExit(f"run_action.py: action.yml has no input '{name}'")
        inputs[name] = value
    github = {"action_path": os.path.dirname(os.path.abspath(action_path)),
              "action_repository": "", "action_ref": ""}
    steps_out = {}

    def resolve(text):
        def one(m):
            e = m.group(1)
            parts = e.split(".")
            if parts[0] == "inputs" and len(parts) == 2 and parts[1] in inputs:
                return inputs[parts[1]]
            if parts[0] == "github" and len(parts) == 2 and parts[1] in github:
                return github[parts[1]]
            if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
                return steps_out.get(parts[1], {}).get(parts[3], "")
            raise SystemExit(f"run_action.py: cannot resolve ${{{{ {e} }}}}")
        return EXPR.sub(one, str(text))

    temp = os.path.join(workdir, "runner-temp")
    os.makedirs(temp, exist_ok=True)
    summary = os.path.join(workdir, "step-summary.md")
    open(summary, "w").close()
    result = {"steps": [], "rc": 0}
    for i, step in enumerate(action["runs"]["steps"]):
        if "run" not in step:
            raise SystemExit(f"run_action.py: step {i} is not a run step")
        if "if" in step:
            raise SystemExit(f"run_action.py: step {i} has an if:, which this runner does not evaluate")
        if result["rc"] != 0:
            break
        if step.get("shell") != "bash":
            raise SystemExit(f"run_action.py: step {i} does not run in bash")
        script = os.path.join(workdir, f"step-{i}.sh")
        with open(script, "w", encoding="utf-8") as f:
            f.write(resolve(step["run"]))
        output = os.path.join(workdir, f"output-{i}")
        open(output, "w").close()
        env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
        env.update({"GITHUB_OUTPUT": output, "GITHUB_STEP_SUMMARY": summary,
                    "GITHUB_ACTIONS": "true", "RUNNER_TEMP": temp, "CI": "true"})
        env.update({k: resolve(v) for k, v in step.get("env", {}).items()})
        rc = subprocess.call(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                             env=env, cwd=workdir, timeout=900, stdout=sys.stderr)
        outs = {}
        with open(output, encoding="utf-8") as f:
            for line in f:
                if "=" in line:
                    k, _, v = line.rstrip("\n").partition("=")
                    outs[k] = v
        if "id" in step:
            steps_out[step["id"]] = outs
        result["steps"].append({"name": step.get("name", f"step {i}"), "rc": rc})
        if rc != 0:
            result["rc"] = rc
    result["outputs"] = {k: resolve(v.get("value", "")) for k, v in action.get("outputs", {}).items()}
    with open(summary, encoding="utf-8") as f:
        result["summary"] = f.read()
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
