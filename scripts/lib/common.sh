# shellcheck shell=bash
# shellcheck disable=SC2034 # variables read by the scripts that source this block
# The block every script sources first: where things are, how to log and stop,
# locks, waits and Debian packages. Source it; it runs nothing by itself.
#   . "$(dirname "$0")/lib/common.sh"          (from scripts/)
#   . "$(dirname "$0")/../lib/common.sh"       (from scripts/internal/)
# Blocks by subject, sourced after this one when a script needs them:
#   scripts/lib/image.sh   run the image under a profile (also carried into the guest)
#   scripts/lib/engine.sh  a Docker engine for this run
#   scripts/lib/daemon.sh  a daemon of ours known by its pid file
#   scripts/lib/kernel.sh  which kernels exist, which one to boot (patched or stock)
#   scripts/lib/guest.sh   boot a kernel with the image in a guest (QEMU)
# A new subject gets its own file here (e.g. runtimes.sh), never a copy in a
# script; HACKING.md lists them all.

# SP_ROOT and SP_CACHE are shell variables, recomputed by every script that
# sources this block: the environment carries only SYSCALL_PROBE_* (HACKING.md).
SP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# Caches live outside the repository: kernels, guests, base images.
SP_CACHE=${SYSCALL_PROBE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/syscall-probe}
# One clock for a script and the scripts it runs: progress lines show the
# time since the first of them started.
SYSCALL_PROBE_T0=${SYSCALL_PROBE_T0:-$(date +%s)}
export SYSCALL_PROBE_T0

sp_elapsed() { echo "$(( $(date +%s) - SYSCALL_PROBE_T0 ))s"; }

# One progress line on stderr: "[  12s] stage: message".
log() { printf '[%5s] %s\n' "$(sp_elapsed)" "$*" >&2; }

die() { printf '%s: error: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

# usage_error MESSAGE: the one way a command refuses its arguments: one line
# on stderr naming the command, exit 2 (every command documents exit 2).
usage_error() { printf '%s: %s (see --help)\n' "$(basename "$0")" "$*" >&2; exit 2; }

# need_value "$@": usage_error unless the option in $1 has a value after it
# that is not empty (called with the caller's whole argument list).
need_value() { if [ $# -lt 2 ] || [ -z "$2" ]; then usage_error "$1 needs a value"; fi; }

# one_of WORD ITEM...: WORD is one of the ITEMs.
one_of() {
  local word=$1 item
  shift
  for item in "$@"; do [ "$item" = "$word" ] && return 0; done
  return 1
}

# joined SEP ITEM...: the ITEMs with SEP between them (for messages).
joined() {
  local sep=$1 out=""
  shift
  [ $# -eq 0 ] || { out=$1; shift; }
  while [ $# -gt 0 ]; do out+="$sep$1"; shift; done
  echo "$out"
}

# sp_command: the command line of this script's process, shell-quoted, as
# the user could type it again (the interpreter bash left out): what
# need_root tells the user to rerun.
sp_command() {
  local args=() out="" a
  mapfile -d '' -t args </proc/$$/cmdline
  case ${args[0]##*/} in bash|sh) args=("${args[@]:1}") ;; esac
  for a in "${args[@]}"; do out+="${out:+ }$(printf '%q' "$a")"; done
  echo "$out"
}

# need_root WHAT: stop, naming WHAT and the exact command to rerun, unless root.
need_root() {
  [ "$(id -u)" -eq 0 ] || die "$1 needs root; run: sudo $(sp_command)"
}

# lock_or_die FILE [SECONDS]: hold an exclusive flock on FILE (on fd 8) until
# this shell or subshell exits, waiting at most SECONDS (default 1800;
# SYSCALL_PROBE_LOCK_TIMEOUT overrides every lock) for another run that holds
# it: one run fills a cache entry, the others wait. One lock per shell at a
# time (a second call releases the first).
lock_or_die() {
  local limit=${SYSCALL_PROBE_LOCK_TIMEOUT:-${2:-1800}}
  exec 8>"$1"
  if ! flock -n 8; then
    log "waiting for another run that holds $1"
    flock -w "$limit" 8 || die "waited ${limit}s for $1: another run still holds it"
  fi
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

# descendants PID: the PIDs of PID's children, grandchildren, ... one a line.
descendants() {
  local c
  for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do
    echo "$c"
    descendants "$c"
  done
}

# all_gone PID...: none of the processes runs any more.
all_gone() {
  local p
  for p in "$@"; do ! kill -0 "$p" 2>/dev/null || return 1; done
}

# kill_tree PID: TERM PID and every process it started, whatever their process
# group (timeout(1) and setsid give their children groups of their own, so
# killing PID's group is not enough); KILL what is left after 20 s.
kill_tree() {
  local pids=() more=() round
  for round in 1 2; do
    # A second round for what was forked meanwhile.
    mapfile -t more < <(descendants "$1")
    pids+=("$1" "${more[@]}")
    kill -TERM "${pids[@]}" 2>/dev/null || true
    [ "$round" = 2 ] || sleep 0.5
  done
  if ! wait_for 20 "process $1 and its children to end" all_gone "${pids[@]}"; then
    kill -KILL "${pids[@]}" 2>/dev/null || true
  fi
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

# apt_missing PKG...: print the packages of the list that are not installed.
apt_missing() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"
  done
}

# apt_install PKG...: install Debian packages that are missing (root only).
apt_install() {
  local missing=()
  mapfile -t missing < <(apt_missing "$@")
  [ ${#missing[@]} -eq 0 ] && return 0
  need_root "installing ${missing[*]}"
  log "apt: installing ${missing[*]}"
  if [ ! -f /var/lib/apt/periodic/.sp-updated ] || [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit)" ]; then
    timeout 600 apt-get update -qq
    mkdir -p /var/lib/apt/periodic && touch /var/lib/apt/periodic/.sp-updated
  fi
  DEBIAN_FRONTEND=noninteractive timeout 1800 apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# remove_tree DIR: rm -rf DIR, first unmounting what a killed debootstrap may
# have left mounted inside it (/proc, /sys), and never crossing into another
# file system.
remove_tree() {
  [ -n "$1" ] && [ -d "$1" ] || return 0
  awk -v r="$1/" 'index($2, r) == 1 { print $2 }' /proc/mounts | sort -r \
    | while read -r m; do umount -l "$m" 2>/dev/null || true; done
  rm -rf --one-file-system "$1"
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
