# shellcheck shell=bash
# Columns and tables of many reports: the host-failure document a host that
# gave no report leaves as its column, with the evidence of the command that
# failed, and the three compare tables. Shared by scripts/matrix and
# scripts/runtimes. Sourced after common.sh and image.sh.

# host_failure FILE LABEL REASON LOG [RUN]: write FILE, a host-failure document
# (docs/host-failure.schema.json, docs/compare.md): a column whose kernel cell
# reads "FAILED: REASON". The reason stays short (a table cell); LOG says where
# to look; RUN, a JSON object (run_evidence), is what the failed command left.
# Logs one line.
host_failure() {
  jq -n --arg name "$2" --arg reason "$3" --arg log "$4" --argjson run "${5:-null}" \
    '{"schema": "syscall-probe/host-failure", "schema_version": 1, "label": $name,
      "reason": $reason, "log": $log} + (if $run == null then {} else {"run": $run} end)' >"$1"
  log "$2: FAILED: $3; see $4"
}

# ---- the evidence of a command that gave no report ----------------------------
# Lines of each output kept in a failure document, and characters per line.
SP_TAIL_LINES=5
SP_TAIL_CHARS=200

# run_captured OUT ERR CMD...: CMD (a function runs in this shell) with its
# stdout to OUT and its stderr to ERR; sets RUN_STATUS (its exit status) and
# RUN_SECONDS (its wall time, one decimal). Returns 0 whatever CMD returned:
# the caller judges RUN_STATUS and OUT.
run_captured() {
  local out=$1 err=$2 t0=${EPOCHREALTIME/[.,]/} t1
  shift 2
  RUN_STATUS=0
  "$@" >"$out" 2>"$err" || RUN_STATUS=$?
  t1=${EPOCHREALTIME/[.,]/}
  RUN_SECONDS=$(( (t1 - t0) / 1000000 )).$(( (t1 - t0) / 100000 % 10 ))
}

# exit_meaning STATUS SECONDS LIMIT: what STATUS says of a command that ran
# SECONDS under `timeout LIMIT` (every run of these scripts has one): 124 the
# limit expired, 125-127 the command could not run (the engine's or timeout's
# own failure), 128+N the command was killed by signal N (after LIMIT seconds:
# timeout's --kill-after). Empty for the rest: the command's own exit, which
# its stderr explains.
exit_meaning() {
  local rc=$1 seconds=$2 limit=$3 sig
  case $rc in
    124) echo "timed out after $limit s" ;;
    125) echo "the engine, or timeout itself, failed" ;;
    126) echo "the command could not be invoked" ;;
    127) echo "the command was not found" ;;
    *)
      [ "$rc" -gt 128 ] && [ "$rc" -le 192 ] || return 0
      sig=SIG$(kill -l $((rc - 128)) 2>/dev/null || echo $((rc - 128)))
      if [ "$rc" = 137 ] && [[ $limit =~ ^[0-9]+$ ]] && [ "${seconds%.*}" -ge "$limit" ]; then
        echo "timed out after $limit s, then killed by $sig"
      else
        echo "killed by signal $((rc - 128)), $sig"
      fi ;;
  esac
}

# output_evidence FILE: FILE's size, where it is, and its last SP_TAIL_LINES
# lines (trailing blank ones dropped) of at most SP_TAIL_CHARS characters
# each, as a JSON object; whether it is a whole report (is_report: a run that
# timed out after writing one).
output_evidence() {
  local f=$1 bytes=0 report=false
  [ -f "$f" ] && bytes=$(stat -c %s "$f")
  is_report "$f" && report=true
  # The last 4 KiB bound what is read, whatever the lines' length.
  { [ -f "$f" ] && tail -c 4096 "$f"; } \
    | jq -R -s --argjson bytes "$bytes" --argjson report "$report" --arg file "$f" \
      --argjson lines "$SP_TAIL_LINES" --argjson chars "$SP_TAIL_CHARS" \
      '{"bytes": $bytes, "file": $file, "report": $report,
        "tail": (split("\n") | until(length == 0 or (last | test("\\S")); .[:-1])
                 | .[-$lines:] | map(.[0:$chars]))}'
}

# run_evidence OUT ERR LIMIT: the "run" object of a host-failure document for
# the command run_captured ran last (RUN_STATUS, RUN_SECONDS) under `timeout
# LIMIT`, its stdout in OUT and its stderr in ERR.
run_evidence() {
  jq -n --argjson status "$RUN_STATUS" --arg meaning "$(exit_meaning "$RUN_STATUS" "$RUN_SECONDS" "$3")" \
    --argjson seconds "$RUN_SECONDS" --arg limit "$3" \
    --argjson stdout "$(output_evidence "$1")" --argjson stderr "$(output_evidence "$2")" \
    '{"exit_status": $status, "meaning": $meaning, "seconds": $seconds,
      "limit_seconds": (try ($limit | tonumber) catch null),
      "stdout": $stdout, "stderr": ($stderr | del(.report))}'
}

# run_failure FILE LABEL WHAT OUT ERR LOG [LIMIT]: host_failure for the command
# run_captured ran last, which left no report (under `timeout LIMIT`, default
# SYSCALL_PROBE_RUN_TIMEOUT): the reason reads "WHAT: exit N (meaning)", then
# the last line of ERR or, when ERR is empty, what OUT holds; the document's
# "run" keeps status, meaning, wall time and the tail of both outputs.
run_failure() {
  local file=$1 label=$2 what=$3 out=$4 err=$5 logf=$6 limit=${7:-$SP_RUN_TIMEOUT} run why line
  run=$(run_evidence "$out" "$err" "$limit")
  why="$what: exit $RUN_STATUS"
  line=$(jq -r '.meaning' <<<"$run")
  [ -z "$line" ] || why+=" ($line)"
  line=$(jq -r '.stderr.tail | last // "" | .[0:120]' <<<"$run")
  if [ -n "$line" ]; then
    why+=": $line"
  else
    why+=", no stderr, stdout $(jq -r '.stdout | if .report then "a whole report"
      elif .bytes == 0 then "empty" else "\(.bytes) bytes, not a report" end' <<<"$run")"
  fi
  host_failure "$file" "$label" "$why" "$logf" "$run"
}

# run_report FILE LABEL WHAT LOG CMD...: CMD (a function runs in this shell)
# for one report, its stderr to LOG.stderr. With exit 0 and a report on stdout
# (is_report), FILE is that report, written whole, and returns 0. Otherwise
# FILE is absent, its stdout is kept in LOG.stdout, FILE's sibling
# FILE-without-.json-failed.json is a host-failure document for LABEL
# (run_failure: "WHAT: exit N ..."), and returns 1. Sets RUN_STATUS and
# RUN_SECONDS either way.
run_report() {
  local file=$1 label=$2 what=$3 stem=$4
  shift 4
  run_captured "$file.tmp" "$stem.stderr" "$@"
  if [ "$RUN_STATUS" -eq 0 ] && is_report "$file.tmp"; then
    mv "$file.tmp" "$file"
    return 0
  fi
  mv "$file.tmp" "$stem.stdout"
  run_failure "${file%.json}-failed.json" "$label" "$what" "$stem.stdout" "$stem.stderr" "$stem.stderr"
  return 1
}

# compare_tables IMAGE DIR STEM FILE...: `syscall-probe compare
# ${SP_COMPARE_OPTS[@]}` of FILEs (all below DIR) into DIR/STEM.txt, .md and
# .html, each written whole or not at all; compare's stderr appended to DIR/logs/compare.log. Runs compare from
# IMAGE with DIR mounted read-only (no host build needed), else from
# $SYSCALL_PROBE_BIN when IMAGE is empty. Returns 1 if a table failed. The
# HTML page holds every row: it filters them itself ("only rows that differ").
SP_COMPARE_OPTS=()
compare_tables() {
  local image=$1 dir=$2 stem=$3 fmt f rel=() rows
  shift 3
  for f in "$@"; do rel+=("/reports/${f#"$dir"/}"); done
  for fmt in text:txt markdown:md html:html; do
    rows=()
    [ "${fmt%%:*}" != html ] || rows=(--all-rows)
    if [ -n "$image" ]; then
      image_run "$image" -v "$dir:/reports:ro" -- compare --format "${fmt%%:*}" "${rows[@]}" \
        "${SP_COMPARE_OPTS[@]}" "${rel[@]}"
    elif [ -n "${SYSCALL_PROBE_BIN:-}" ]; then
      "$SYSCALL_PROBE_BIN" compare --format "${fmt%%:*}" "${rows[@]}" "${SP_COMPARE_OPTS[@]}" "$@"
    else
      echo "no image and no SYSCALL_PROBE_BIN to run compare" >&2
      false
    fi >"$dir/$stem.${fmt#*:}.tmp" 2>>"$dir/logs/compare.log" || { rm -f "$dir/$stem.${fmt#*:}.tmp"; return 1; }
    mv "$dir/$stem.${fmt#*:}.tmp" "$dir/$stem.${fmt#*:}"
  done
}
