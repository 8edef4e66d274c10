#!/usr/bin/env bash
# Checks a file that cannot run here: the GitHub workflow (the DaemonSet's
# check is tests/fleet/manifest_test.sh).
#   static_test.sh workflow
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

# Debian's python3 carries the apt-installed modules (a pyenv one may not).
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)

yamllint_config='{extends: default, rules: {line-length: {max: 120}, document-start: disable,
  truthy: {check-keys: false}, braces: {max-spaces-inside: 1}}}'

case "${1:-}" in
  workflow)
    apt_install yamllint python3-yaml
    yamllint -s -d "$yamllint_config" "$SP_ROOT/.github/workflows/matrix.yml"
    "$py" "$here/check_workflow.py" "$SP_ROOT/.github/workflows/matrix.yml"
    echo "workflow: yamllint + structure ok"
    ;;
  *) usage_error "usage: static_test.sh workflow" ;;
esac
