#!/usr/bin/env bash
# The committed profiles are what seccomp/generate writes from its allowlist.
set -euo pipefail
exec "$(dirname "$0")/../../seccomp/generate" --check
