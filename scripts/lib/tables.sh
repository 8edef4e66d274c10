# shellcheck shell=bash
# Columns and tables of many reports: the host-failure document a host that
# gave no report leaves as its column, and the three compare tables. Shared by
# scripts/matrix and scripts/runtimes. Sourced after common.sh and image.sh.

# host_failure FILE LABEL REASON LOG: write FILE, a host-failure document
# (docs/compare.md): a column whose kernel cell reads "FAILED: REASON". The
# reason stays short (a table cell); LOG says where to look. Logs one line.
host_failure() {
  jq -n --arg name "$2" --arg reason "$3" --arg log "$4" \
    '{"schema": "syscall-probe/host-failure", "schema_version": 1, "label": $name,
      "reason": $reason, "log": $log}' >"$1"
  log "$2: FAILED: $3; see $4"
}

# compare_tables IMAGE DIR STEM FILE...: `syscall-probe compare` of FILEs (all
# below DIR) into DIR/STEM.txt, .md and .html, each written whole or not at
# all; compare's stderr appended to DIR/logs/compare.log. Runs compare from
# IMAGE with DIR mounted read-only (no host build needed), else from
# $SYSCALL_PROBE_BIN when IMAGE is empty. Returns 1 if a table failed.
compare_tables() {
  local image=$1 dir=$2 stem=$3 fmt f rel=()
  shift 3
  for f in "$@"; do rel+=("/reports/${f#"$dir"/}"); done
  for fmt in text:txt markdown:md html:html; do
    if [ -n "$image" ]; then
      image_run "$image" -v "$dir:/reports:ro" -- compare --format "${fmt%%:*}" "${rel[@]}"
    elif [ -n "${SYSCALL_PROBE_BIN:-}" ]; then
      "$SYSCALL_PROBE_BIN" compare --format "${fmt%%:*}" "$@"
    else
      echo "no image and no SYSCALL_PROBE_BIN to run compare" >&2
      false
    fi >"$dir/$stem.${fmt#*:}.tmp" 2>>"$dir/logs/compare.log" || { rm -f "$dir/$stem.${fmt#*:}.tmp"; return 1; }
    mv "$dir/$stem.${fmt#*:}.tmp" "$dir/$stem.${fmt#*:}"
  done
}
