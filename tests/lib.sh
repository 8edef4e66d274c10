# shellcheck shell=bash
# Test helpers shared by tests/*/*_test.sh (never by scripts/): skips,
# assertions, report validation, and the docker runs of the image built on
# image_run, the one run function of scripts/lib/image.sh.
#   . "$(dirname "$0")/../lib.sh"
set -euo pipefail
# shellcheck source=../scripts/lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/common.sh"
# shellcheck source=../scripts/lib/image.sh
. "$SP_ROOT/scripts/lib/image.sh"

# The image under test: SYSCALL_PROBE_IMAGE, else syscall-probe.
IMAGE=$SP_IMAGE
# A scratch directory for the test, removed at exit.
TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/sp-test.XXXXXX")
trap 'rm -rf "$TEST_TMP"' EXIT

# skip_test REASON: exit 77, "skipped" to CTest (SKIP_RETURN_CODE 77), unless
# SYSCALL_PROBE_MUST_WORK=1 (set by .ci/run), which turns a skip into a failure.
skip_test() {
  if [ "${SYSCALL_PROBE_MUST_WORK:-0}" = 1 ]; then
    echo "FAIL (skip forbidden by SYSCALL_PROBE_MUST_WORK=1): $*" >&2
    exit 1
  fi
  echo "SKIP: $*" >&2
  exit 77
}

# ---- assertions that stop at the first failure --------------------------------
fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }
# expect_eq WHAT ACTUAL EXPECTED
expect_eq() { [ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"; pass "$1 = $2"; }

# ---- assertions that count: every failure is named, finish exits 1 if any -----
failures=0
fail_check() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
# check DESCRIPTION COMMAND...: pass when COMMAND succeeds.
check() {
  local what=$1
  shift
  if "$@"; then pass "$what"; else fail_check "$what"; fi
}
finish() {
  if [ "$failures" -gt 0 ]; then echo "$failures check(s) failed" >&2; exit 1; fi
  echo "all checks passed"
}

# tree_files: the files of the tree in the current folder, one a line,
# relative: git's list (tracked, and untracked ones it does not ignore), or
# without git (an exported tree) every file outside .git, build and out.
tree_files() {
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files --cached --others --exclude-standard
  else
    find . \( -name .git -o -name build -o -name out \) -prune -o -type f -print | sed 's|^\./||'
  fi
}

# ---- reports ------------------------------------------------------------------
# catalogue_rows ARCH: how many catalogue rows a `--syscalls all` report of an
# ARCH (x86_64; arm64 or aarch64) host lists: the rows of docs/catalogue.md's table
# (the catalogue's own, Catalogue.DocsTableHasEveryRow) with a number on ARCH,
# less the ones not probed.
catalogue_rows() {
  local col
  case $1 in x86_64) col=3 ;; arm64|aarch64) col=4 ;; *) fail "catalogue_rows: no architecture '$1'" ;; esac
  awk -F'|' -v c="$col" '/^\| name \| x86_64 \| arm64 \|/ { t = 1; next } t && !/^\|/ { t = 0 }
    t && $c ~ /^ *[0-9]+ *$/ && $7 !~ /^ *not probed *$/ { n++ } END { print n + 0 }' "$SP_ROOT/docs/catalogue.md"
}
# validate_against SCHEMA FILE...: each FILE satisfies docs/SCHEMA; prints the
# offending fields, returns 1 if any is invalid. Skips where no python3 has
# jsonschema.
validate_against() {
  local py schema=$1
  shift
  py=$(sp_python) || skip_test "no python3 with the jsonschema module (apt-get install python3-jsonschema)"
  "$py" "$SP_ROOT/probe/test/validate_report.py" "$SP_ROOT/docs/$schema" "$@"
}
# validate_reports FILE...: each report satisfies docs/report.schema.json.
validate_reports() { validate_against report.schema.json "$@"; }
# validate_report FILE: as validate_reports, failing the test.
validate_report() {
  validate_reports "$1" || fail "$1 does not validate against docs/report.schema.json"
  pass "$(basename "$1") validates against docs/report.schema.json"
}
# validate_failure FILE: FILE, a host-failure document, satisfies
# docs/host-failure.schema.json, else the test fails.
validate_failure() {
  validate_against host-failure.schema.json "$1" || fail "$1 does not validate against docs/host-failure.schema.json"
  pass "$(basename "$1") validates against docs/host-failure.schema.json"
}

# oracle_python: print Debian's python3 (the one python3-seccomp serves),
# installing python3-seccomp if missing: what tools/seccomp_oracle.py
# numbers syscall names with, as runc does (libseccomp). Fails the test if it
# still cannot import it.
oracle_python() {
  local py=/usr/bin/python3
  "$py" -c 'import seccomp' 2>/dev/null || apt_install python3-seccomp >&2
  "$py" -c 'import seccomp' 2>/dev/null || fail "python3-seccomp is not importable by $py"
  echo "$py"
}

# ---- the image under real Docker ---------------------------------------------
# require_image: skip only when no engine can run here; a missing image is a
# failure (the docker_build_image fixture builds it).
require_image() {
  command -v jq >/dev/null || skip_test "jq is not installed (scripts/deps installs it)"
  docker info >/dev/null 2>&1 || skip_test "no Docker engine answers (scripts/engine start)"
  docker image inspect "$IMAGE" >/dev/null 2>&1 \
    || fail "image $IMAGE is missing: run scripts/build-image --tag $IMAGE (CTest: docker_build_image)"
}

# probe DOCKER-OPTS... [-- PROBE-ARGS...]: one image_run of $IMAGE. Stdout to
# $TEST_TMP/out, stderr to $TEST_TMP/err, exit code in $rc; a run killed by
# the time limit fails the test.
rc=0
# shellcheck disable=SC2120 # every argument is optional
probe() {
  rc=0
  image_run "$IMAGE" "$@" >"$TEST_TMP/out" 2>"$TEST_TMP/err" || rc=$?
  [ "$rc" -ne 124 ] || fail "docker run timed out after ${SP_RUN_TIMEOUT}s: $*"
}

# probe_json DOCKER-OPTS... [-- PROBE-ARGS...]: probe with --format json; fails
# unless it exits 0 with JSON on stdout (left in $TEST_TMP/out).
# shellcheck disable=SC2120 # every argument is optional
probe_json() {
  local opts=() args=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
  [ $# -gt 0 ] && { shift; args=("$@"); }
  probe "${opts[@]}" -- --format json "${args[@]}"
  [ "$rc" -eq 0 ] || fail "probe exited $rc (${opts[*]} -- ${args[*]}); stderr: $(head -c 2000 "$TEST_TMP/err")"
  jq -e . "$TEST_TMP/out" >/dev/null || fail "stdout is not JSON: $(head -c 500 "$TEST_TMP/out")"
}

# rj [JQ-OPTIONS...] FILTER [FILE...]: jq -r FILTER on reports (stdin without
# FILE), FILTER written with the field names of tests/lib/report.jq, e.g.
# rj 'own | verdict' FILE. Options: jq's flags, --arg/--argjson/--slurpfile NAME VALUE.
rj() {
  local opts=(-r)
  while [ $# -gt 0 ]; do
    case $1 in
      --arg|--argjson|--slurpfile) opts+=("$1" "$2" "$3"); shift 3 ;;
      -?*) opts+=("$1"); shift ;;
      *) break ;;
    esac
  done
  [ $# -ge 1 ] || fail "rj: no filter"
  jq "${opts[@]}" -L "$SP_ROOT/tests/lib" "include \"report\"; $1" "${@:2}"
}
# sp_header NAME: SYSCALL_PROBE_NAME's value in kernel/include/uapi/linux/syscall_probe.h
# (the single source of the project's constants): sp_header MAGIC is 0x5ca11ab1,
# sp_header LOG_PREFIX "syscall-probe: " (quotes and the UL suffix dropped).
sp_header() {
  local v
  v=$(sed -nE "s/^#define SYSCALL_PROBE_$1[[:space:]]+(\"([^\"]*)\"|([0-9a-fA-Fx]+)U?L?)[[:space:]]*$/\2\3/p" \
    "$SP_ROOT/kernel/include/uapi/linux/syscall_probe.h")
  [ -n "$v" ] || fail "no SYSCALL_PROBE_$1 in kernel/include/uapi/linux/syscall_probe.h"
  printf '%s' "$v"
}
# j FILTER: rj FILTER on the last output ($TEST_TMP/out).
j() { rj "$1" "$TEST_TMP/out"; }

# as_nobody OUT ERR COMMAND...: COMMAND as uid/gid 65534 without capabilities
# (a census on this host never runs with privileges: docs/catalogue.md;
# already unprivileged, as the caller),
# stdout to OUT, stderr to ERR, limited to 600 s; returns its exit status.
# The files COMMAND reads must be readable by that user (nobody_dir).
as_nobody() {
  local out=$1 err=$2
  shift 2
  local drop=()
  [ "$(id -u)" -ne 0 ] || drop=(setpriv --reuid 65534 --regid 65534 --clear-groups)
  timeout 600 "${drop[@]}" "$@" >"$out" 2>"$err"
}

# nobody_dir: prints a fresh directory under $TEST_TMP that as_nobody's user
# may read and write (TEST_TMP itself only lets it through).
nobody_dir() {
  chmod 0711 "$TEST_TMP"
  local dir
  dir=$(mktemp -d "$TEST_TMP/nobody.XXXXXX")
  chmod 0755 "$dir"
  [ "$(id -u)" -ne 0 ] || chown 65534:65534 "$dir"
  echo "$dir"
}
