# shellcheck shell=bash
# A Docker engine for the length of a run: use the one that answers, else
# start one with scripts/engine, and stop at the end only what this run
# started. Sourced after common.sh.

SP_ENGINE_STARTED=0

# engine_ensure [LOG]: a Docker engine answers, or start one (scripts/engine
# start; its output to LOG, else to stderr). Returns 1 if none could be had.
# Call engine_release from the caller's EXIT trap.
# shellcheck disable=SC2120 # LOG is optional
engine_ensure() {
  docker info >/dev/null 2>&1 && return 0
  log "engine: none answers; scripts/engine start${1:+ (log: $1)}"
  if [ -n "${1:-}" ]; then
    "$SP_ROOT/scripts/engine" start >>"$1" 2>&1 || return 1
  else
    "$SP_ROOT/scripts/engine" start >&2 || return 1
  fi
  SP_ENGINE_STARTED=1
}

# engine_release: stop the engine if engine_ensure started it.
engine_release() {
  [ "$SP_ENGINE_STARTED" = 1 ] || return 0
  "$SP_ROOT/scripts/engine" stop >/dev/null 2>&1 || true
  SP_ENGINE_STARTED=0
}
