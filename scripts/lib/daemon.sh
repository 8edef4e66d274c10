# shellcheck shell=bash
# A daemon of ours on this host, known by its pid file: started detached,
# checked by name (a stale pid may have been reused by anything else), and
# only ever stopped by that pid. scripts/engine (dockerd) and
# scripts/internal/registry (docker-registry) use it. Sourced after common.sh.

# daemon_pid PIDFILE NAME: print the pid in PIDFILE if that process runs and
# its command name (/proc/PID/comm) is NAME; else return 1.
daemon_pid() {
  local pid
  [ -r "$1" ] || return 1
  pid=$(cat "$1")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$2" ] || return 1
  echo "$pid"
}

# daemon_start PIDFILE LOG SECONDS READY -- CMD...: start CMD in a session of
# its own (it outlives this script and its terminal; no stdin; stdout and
# stderr appended to LOG; the lock of lock_or_die not inherited), its pid in
# PIDFILE, then wait at most SECONDS for the command READY (one word: a
# function or program) to succeed. If READY never does: stop CMD, show the
# end of LOG, return 1.
daemon_start() {
  local pidfile=$1 logfile=$2 limit=$3 ready=$4 name
  [ "$5" = -- ] || die "daemon_start: '--' expected before the command"
  shift 5
  name=$(basename "$1")
  setsid "$@" >>"$logfile" 2>&1 </dev/null 8>&- &
  # Not a process group leader (no job control here), so setsid(1) runs CMD
  # in this very process: $! is CMD's pid.
  echo $! >"$pidfile"
  wait_for "$limit" "$name to answer" "$ready" && return 0
  daemon_stop "$pidfile" "$name" 20 || kill -KILL "$(cat "$pidfile")" 2>/dev/null || true
  tail -n 20 "$logfile" >&2 || true
  return 1
}

# daemon_gone PID: PID has exited (no such process, or a zombie: a daemon
# this very shell started stays one until the shell reaps it).
daemon_gone() {
  local stat state
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 0
  # "PID (COMM) STATE ...": COMM may hold spaces and parentheses.
  state=${stat##*) }
  [ "${state%% *}" = Z ]
}

# daemon_stop PIDFILE NAME SECONDS: SIGTERM our NAME (daemon_pid) and wait at
# most SECONDS for it to exit, then remove PIDFILE. Returns 0 once none of
# ours runs (also when none did), 1 if it still runs after SECONDS.
daemon_stop() {
  local pidfile=$1 name=$2 limit=$3 pid
  if pid=$(daemon_pid "$pidfile" "$name"); then
    kill -TERM "$pid" 2>/dev/null || true
    wait_for "$limit" "$name $pid to exit" daemon_gone "$pid" || return 1
  fi
  rm -f "$pidfile"
}
