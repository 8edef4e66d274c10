#!/usr/bin/python3
"""Schema and policy check of deploy/daemonset.yaml.

Schema: every object is checked against the Kubernetes API models shipped in
Debian's python3-kubernetes (generated from the Kubernetes OpenAPI spec):
each key must be a field of its model, each value of the declared type
(recursively through lists and maps), each required field present. It is
not a server-side validation (no admission, no defaulting).
Policy: the probe's pod runs as non-root with a read-only root filesystem,
no capabilities, no privilege escalation, no host network/PID/IPC, and the
probe prints JSON once in an init container while the main container waits.
Exit 0 when all holds; 1 with one line per failure.
"""
import datetime
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
        if "/" in c.get("image", "").split(":")[0].split("/")[0] or "." in c.get("image", "").split("/")[0]:
            fail(f"container {name}: image names a registry host")


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
    if len(sys.argv) != 2:
        print("usage: check_manifest.py MANIFEST.yaml", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
