#!/usr/bin/python3
"""Schema and policy check of deploy/daemonset.yaml, and schema check of
recorded kubectl output.

  check_manifest.py MANIFEST.yaml         schema + policy
  check_manifest.py --objects FILE.json...  schema only (kubectl get -o json:
                                            a List, each item its own kind)

Schema: every object is checked against the Kubernetes API models shipped in
Debian's python3-kubernetes (generated from the Kubernetes OpenAPI spec):
each key must be a field of its model, each value of the declared type
(recursively through lists and maps), each required field present. It is
not a server-side validation (no admission, no defaulting).
Policy: the probe's pod runs as non-root with a read-only root filesystem,
no capabilities, no privilege escalation, no host network/PID/IPC, on Linux
nodes only; the probe prints JSON once in an init container while the main
container waits; the probe's image is the name the release workflow pushes
(ghcr.io/OWNER/syscall-probe:VERSION, VERSION the project's; the project's own
OWNER is syscall-probe), every other
image names no registry host.
Exit 0 when all holds; 1 with one line per failure.
"""
import datetime
import os
import re
import sys

import yaml
import kubernetes.client as k8s

failures = []


def fail(msg):
    failures.append(msg)


PRIMITIVES = {"str": str, "int": int, "bool": bool, "float": (int, float),
              "object": object, "datetime": (str, datetime.datetime), "date": str}


def check_value(value, type_name, path):
    """Checks value against an openapi type name of python3-kubernetes."""
    if value is None:
        return
    if type_name.startswith("list["):
        if not isinstance(value, list):
            return fail(f"{path}: expected a list ({type_name})")
        for i, v in enumerate(value):
            check_value(v, type_name[5:-1], f"{path}[{i}]")
        return
    if type_name.startswith("dict("):
        if not isinstance(value, dict):
            return fail(f"{path}: expected a map ({type_name})")
        inner = type_name[5:-1].split(", ", 1)[1]
        for k, v in value.items():
            check_value(v, inner, f"{path}.{k}")
        return
    if type_name in PRIMITIVES:
        # bool is an int in Python: keep them apart.
        if type_name == "int" and isinstance(value, bool):
            return fail(f"{path}: expected int, got bool")
        if not isinstance(value, PRIMITIVES[type_name]):
            fail(f"{path}: expected {type_name}, got {type(value).__name__} {value!r}")
        return
    klass = getattr(k8s, type_name, None)
    if klass is None:
        return fail(f"{path}: unknown model {type_name}")
    if not isinstance(value, dict):
        return fail(f"{path}: expected a {type_name} mapping")
    by_json = {j: p for p, j in klass.attribute_map.items()}
    for key, v in value.items():
        if key not in by_json:
            fail(f"{path}.{key}: not a field of {type_name}")
            continue
        check_value(v, klass.openapi_types[by_json[key]], f"{path}.{key}")
    # The model's constructor raises ValueError for a missing required field.
    try:
        klass(**{by_json[k]: (v if not isinstance(v, (dict, list)) else v)
                 for k, v in value.items() if k in by_json})
    except ValueError as e:
        fail(f"{path}: {e}")
    except TypeError:
        pass


def model_for(doc):
    group_version = doc.get("apiVersion", "")
    version = group_version.split("/")[-1]
    return f"{version.capitalize()}{doc.get('kind', '')}"


def check_policy(ds):
    spec = ds.get("spec", {}).get("template", {}).get("spec", {})
    for key in ("hostNetwork", "hostPID", "hostIPC"):
        if spec.get(key, False) is not False:
            fail(f"DaemonSet: {key} is not false")
    psc = spec.get("securityContext", {})
    if psc.get("runAsNonRoot") is not True or not psc.get("runAsUser"):
        fail("DaemonSet: the pod does not run as a non-root user")
    inits = spec.get("initContainers", [])
    if len(inits) != 1 or "--format" not in inits[0].get("args", []) or \
            inits[0]["args"][inits[0]["args"].index("--format") + 1] != "json":
        fail("DaemonSet: no single init container printing --format json")
    if len(spec.get("containers", [])) != 1:
        fail("DaemonSet: expected one main container that only waits")
    for c in inits + spec.get("containers", []):
        sc = c.get("securityContext", {})
        name = c.get("name")
        if sc.get("readOnlyRootFilesystem") is not True:
            fail(f"container {name}: root filesystem not read-only")
        if sc.get("allowPrivilegeEscalation") is not False:
            fail(f"container {name}: privilege escalation allowed")
        if sc.get("privileged", False):
            fail(f"container {name}: privileged")
        if sc.get("capabilities", {}).get("drop") != ["ALL"] or sc.get("capabilities", {}).get("add"):
            fail(f"container {name}: capabilities not exactly drop [ALL]")
        if "limits" not in c.get("resources", {}):
            fail(f"container {name}: no resource limits")
    if spec.get("nodeSelector", {}).get("kubernetes.io/os") != "linux":
        fail("DaemonSet: no nodeSelector kubernetes.io/os: linux")
    if inits:
        published = rf"ghcr\.io/[a-z0-9][a-z0-9-]*/syscall-probe:{re.escape(project_version())}"
        if not re.fullmatch(published, inits[0].get("image", "")):
            fail(f"init container: image {inits[0].get('image')!r} is not the published name "
                 f"ghcr.io/syscall-probe/syscall-probe:{project_version()} (.github/workflows/image.yml)")
    for c in spec.get("containers", []):
        first, _, rest = c.get("image", "").partition("/")
        if rest and ("." in first or ":" in first or first == "localhost"):
            fail(f"container {c.get('name')}: image names a registry host")


def project_version():
    """VERSION of the top CMakeLists.txt: the tag the release workflow pushes."""
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
    with open(os.path.join(root, "CMakeLists.txt"), encoding="utf-8") as f:
        return re.search(r"^\s*VERSION\s+([0-9][0-9.]*)", f.read(), re.M).group(1)


def check_objects(paths):
    """kubectl get -o json output: a List whose items each name their kind."""
    for path in paths:
        with open(path, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
        if doc.get("kind") != "List" or not isinstance(doc.get("items"), list):
            fail(f"{path}: not a List of objects")
            continue
        extra = set(doc) - {"apiVersion", "kind", "items", "metadata"}
        if extra:
            fail(f"{path}: not fields of a List: {sorted(extra)}")
        for i, item in enumerate(doc["items"]):
            model = model_for(item)
            if getattr(k8s, model, None) is None:
                fail(f"{path}: items[{i}]: no model {model}")
                continue
            check_value(item, model, f"{path}: items[{i}]")
    for f in failures:
        print(f)
    return 1 if failures else 0


def main(path):
    with open(path, encoding="utf-8") as f:
        docs = [d for d in yaml.safe_load_all(f) if d is not None]
    kinds = [d.get("kind") for d in docs]
    if "DaemonSet" not in kinds:
        fail("no DaemonSet in the manifest")
    for d in docs:
        name = f"{d.get('kind')}/{d.get('metadata', {}).get('name')}"
        model = model_for(d)
        if getattr(k8s, model, None) is None:
            fail(f"{name}: no model {model} for apiVersion {d.get('apiVersion')}")
            continue
        check_value(d, model, name)
        if d.get("kind") == "DaemonSet":
            check_policy(d)
            sel = d["spec"]["selector"].get("matchLabels", {})
            labels = d["spec"]["template"]["metadata"].get("labels", {})
            if not sel or any(labels.get(k) != v for k, v in sel.items()):
                fail(f"{name}: the selector does not match the template's labels")
    for f in failures:
        print(f"{path}: {f}")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--objects":
        sys.exit(check_objects(sys.argv[2:]))
    if len(sys.argv) != 2:
        print("usage: check_manifest.py MANIFEST.yaml | --objects FILE.json...", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
