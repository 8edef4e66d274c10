# shellcheck shell=bash
# Shared helpers for scripts/*. Source it; it does not run anything by itself.
#   . "$(dirname "$0")/lib.sh"

export SP_ROOT
SP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Caches live outside the repository: kernels, guests, base images.
export SP_CACHE
SP_CACHE=${SYSCALL_PROBE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/syscall-probe}
SP_T0=${SP_T0:-$(date +%s)}
export SP_T0

sp_elapsed() { echo "$(( $(date +%s) - SP_T0 ))s"; }

# One progress line on stderr: "[  12s] stage: message".
log() { printf '[%5s] %s\n' "$(sp_elapsed)" "$*" >&2; }

die() { printf '%s: error: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

# lock_or_die FILE [SECONDS]: hold an exclusive flock on FILE (on fd 8) until
# this shell or subshell exits, waiting at most SECONDS (default 1800) for
# another run that holds it: one run fills a cache entry, the others wait.
# One lock per shell at a time (a second call releases the first).
lock_or_die() {
  exec 8>"$1"
  if ! flock -n 8; then
    log "waiting for another run that holds $1"
    flock -w "${2:-1800}" 8 || die "waited ${2:-1800}s for $1: another run still holds it"
  fi
}

# need_root WHAT: stop with the exact command when not root.
need_root() {
  [ "$(id -u)" -eq 0 ] || die "$1 needs root; run: sudo $0 $*"
}

# wait_for SECONDS DESCRIPTION COMMAND...: poll COMMAND every 0.2 s until it
# succeeds; fail after SECONDS.
wait_for() {
  local limit=$1 what=$2 deadline
  shift 2
  deadline=$(( $(date +%s) + limit ))
  until "$@" >/dev/null 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || { log "timed out after ${limit}s waiting for $what"; return 1; }
    sleep 0.2
  done
}

# The Debian mirror this machine's apt uses (never hard-coded in the repo).
apt_mirror() {
  local uri=""
  if [ -d /etc/apt/sources.list.d ]; then
    uri=$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null \
      | awk '{print $2}' | grep -v -- '-security' | head -n1 || true)
  fi
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list)
  fi
  [ -n "$uri" ] || die "cannot read a Debian mirror from /etc/apt (sources.list or sources.list.d/*.sources)"
  echo "${uri%/}"
}

# apt_install PKG...: install Debian packages that are missing (root only).
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  need_root "installing ${missing[*]}"
  log "apt: installing ${missing[*]}"
  if [ ! -f /var/lib/apt/periodic/.sp-updated ] || [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit)" ]; then
    apt-get update -qq
    mkdir -p /var/lib/apt/periodic && touch /var/lib/apt/periodic/.sp-updated
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Tests: exit code 77 means "skipped" to CTest (SKIP_RETURN_CODE 77), unless
# SYSCALL_PROBE_MUST_WORK=1 (set by .ci/run), which turns a skip into a failure.
skip_test() {
  if [ "${SYSCALL_PROBE_MUST_WORK:-0}" = 1 ]; then
    echo "FAIL (skip forbidden by SYSCALL_PROBE_MUST_WORK=1): $*" >&2
    exit 1
  fi
  echo "SKIP: $*" >&2
  exit 77
}

# sp_python: a python3 that can import jsonschema (Debian's python3-jsonschema
# serves /usr/bin/python3, which a pyenv shim on PATH may hide); empty if none.
sp_python() {
  local py
  for py in python3 /usr/bin/python3; do
    if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import jsonschema' 2>/dev/null; then
      echo "$py"
      return 0
    fi
  done
  return 1
}

# validate_reports FILE...: each report must satisfy docs/report.schema.json.
# Prints the offending fields; returns 1 if any report is invalid. Skips the
# test (skip_test) where no python3 has jsonschema.
validate_reports() {
  local py
  py=$(sp_python) || skip_test "no python3 with the jsonschema module (apt-get install python3-jsonschema)"
  "$py" "$SP_ROOT/probe/test/validate_report.py" "$SP_ROOT/docs/report.schema.json" "$@"
}
