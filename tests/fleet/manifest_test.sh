#!/usr/bin/env bash
# deploy/daemonset.yaml: yamllint, then every object against the Kubernetes
# API models of Debian's python3-kubernetes (unknown fields, types, required
# fields) and the policy (check_manifest.py); the recorded kubectl output the
# gathering is tested on (fixtures/kubectl/) against the same models.
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

# Debian's python3 carries the apt-installed modules (a pyenv one may not).
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)
apt_install yamllint python3-yaml python3-kubernetes
"$py" -c 'import kubernetes.client' 2>/dev/null || skip_test "python3-kubernetes not importable by $py"

yamllint -s -d '{extends: default, rules: {line-length: {max: 120}, document-start: disable,
  truthy: {check-keys: false}, braces: {max-spaces-inside: 1}}}' "$SP_ROOT/deploy/daemonset.yaml"
pass "yamllint deploy/daemonset.yaml"
"$py" "$here/check_manifest.py" "$SP_ROOT/deploy/daemonset.yaml" || fail "deploy/daemonset.yaml (above)"
pass "deploy/daemonset.yaml: Kubernetes models + policy"
"$py" "$here/check_manifest.py" --objects "$here"/fixtures/kubectl/*.json || fail "recorded kubectl output (above)"
pass "fixtures/kubectl: Kubernetes models"

# The check itself refuses what it must: an unknown field, a wrong type, an
# image that is not the published name, a pod that may run on any OS.
bad=$TEST_TMP/bad.yaml
refuses() {
  local what=$1 expr=$2
  sed -E "$expr" "$SP_ROOT/deploy/daemonset.yaml" >"$bad"
  ! "$py" "$here/check_manifest.py" "$bad" >"$TEST_TMP/out" 2>&1 || fail "not refused: $what"
  pass "refused: $what ($(head -n1 "$TEST_TMP/out" | sed 's/^[^:]*: //'))"
}
refuses "an unknown field" 's/^( *)runAsNonRoot: true/\1runAsNonRoot: true\n\1runAsRoot: false/'
refuses "a string for a number" 's/runAsUser: 65534/runAsUser: "nobody"/'
refuses "an image not published" 's|ghcr.io/syscall-probe/syscall-probe:[0-9.]*|syscall-probe:latest|'
refuses "no Linux nodeSelector" 's|kubernetes.io/os: linux|kubernetes.io/os: windows|'
refuses "a capability kept" 's/drop: \["ALL"\]/drop: ["NET_RAW"]/'
