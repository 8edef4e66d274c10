# shellcheck shell=bash
# A seccomp supervisor for Podman + crun (docs/supervisor.md): crun's own
# compiled default profile with syscall 548 sent to a listener, and the
# supervisor that receives the listener and answers 548. Needs
# scripts/lib/runtimes.sh (rt_podman, RT_PODMAN_OPTS) sourced first and the
# runtime up (rt_up_podman).
#   sup_filter_data WHO      base64 program for run.oci.seccomp_bpf_data
#   sup_start BIN SOCKET LOG the supervisor, listening; SUP_PID
#   sup_finish               its exit status, once the container is gone
#   sup_podman_run WHO SOCKET DATA [-- PROBE-ARGS...]  the image, supervised
#   sup_build                the static supervisor, built; its path
#   sup_report IMAGE BIN FILE  all of the above for one report (scripts/demo)

# crun's state root for a rootful container: it writes there the BPF program it
# compiled from the spec's linux.seccomp, <root>/<id>/seccomp.bpf.
SUP_CRUN_ROOT=/run/crun
SUP_PID=""

# sup_filter_data WHO: Podman creates (never starts) a container of the image
# with the options every run has, crun compiles its default profile, and that
# program, behind five instructions that send 548 to the listener, is printed
# in base64. The same profile crun would apply, byte for byte.
sup_filter_data() {
  local who=$1 id program status=0
  id=$(rt_podman "$who" create --network none "${RT_PODMAN_OPTS[@]}" "localhost/$RT_IMAGE") || return 1
  rt_podman "$who" init "$id" >/dev/null || status=1
  program=$SUP_CRUN_ROOT/$id/seccomp.bpf
  if [ "$status" -eq 0 ] && [ -s "$program" ]; then
    /usr/bin/python3 "$SP_ROOT/tools/supervised_filter.py" "$program" || status=1
  else
    echo "sup_filter_data: crun left no $program" >&2
    status=1
  fi
  rt_podman "$who" rm -f "$id" >/dev/null 2>&1 || true
  return "$status"
}

# sup_start BIN SOCKET LOG: the supervisor in the background (SUP_PID), its
# stderr in LOG; returns once SOCKET accepts connections (it appears only
# then), 1 if it did not within 10 s.
sup_start() {
  local bin=$1 socket=$2 log=$3 i
  rm -f "$socket"
  "$bin" --socket "$socket" --wait "$SP_RUN_TIMEOUT" 2>"$log" &
  SUP_PID=$!
  for ((i = 0; i < 100; i++)); do
    [ -S "$socket" ] && return 0
    kill -0 "$SUP_PID" 2>/dev/null || break
    sleep 0.1
  done
  sup_stop
  return 1
}

# sup_finish: the supervisor's exit status once the container it served is
# gone (it exits by itself); after 10 s it is stopped (SIGTERM) and 1 returned.
sup_finish() {
  local pid=$SUP_PID i status=0
  [ -n "$pid" ] || return 1
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    sup_stop
    return 1
  fi
  wait "$pid" || status=$?
  SUP_PID=""
  return "$status"
}

# sup_stop: SIGTERM to a supervisor still running, then SIGKILL after 5 s.
sup_stop() {
  local pid=$SUP_PID i
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  SUP_PID=""
}

# sup_podman_run WHO SOCKET DATA [-- PROBE-ARGS...]: the image as rt_podman_run
# runs it under the default profile, but with crun given DATA as the filter
# and told to send its listener to SOCKET.
sup_podman_run() {
  local who=$1 socket=$2 data=$3
  shift 3
  [ "${1:-}" != -- ] || shift
  rt_podman "$who" run --rm --network none "${RT_PODMAN_OPTS[@]}" \
    --annotation "run.oci.seccomp_bpf_data=$data" \
    --annotation "run.oci.seccomp.receiver=$socket" \
    "localhost/$RT_IMAGE" "$@"
}

# sup_build: the static supervisor (preset static in $SP_ROOT, whatever the
# caller's directory; target syscall-probe-supervisor; the probe's image is not
# built or touched), its path on stdout. The build's output goes to stderr.
sup_build() {
  (cd "$SP_ROOT" && cmake --preset static && cmake --build --preset static --target syscall-probe-supervisor) >&2 \
    || return 1
  echo "$SP_ROOT/build/static/supervisor/syscall-probe-supervisor"
}

# sup_report IMAGE BIN FILE [PROBE-ARGS...]: IMAGE under Podman + crun with
# crun's default profile and supervisor BIN answering 548, as image_report
# runs it under Docker's default profile (`--syscalls all --kallsyms
# always`). The report in FILE, written whole or not at all; progress and the
# supervisor's own lines on stderr. Brings Podman up in a work folder of its
# own and leaves no container, process, socket or mount, whatever fails.
# Needs image.sh and runtimes.sh sourced, root, podman and crun.
sup_report() (
  local image=$1 bin=$2 file=$3 version data socket rc=0
  shift 3
  RT_WORK=$(mktemp -d "${TMPDIR:-/tmp}/sp-supervised.XXXXXX") || exit 1
  # shellcheck disable=SC2317 # called by the EXIT trap
  sup_cleanup() {
    sup_stop
    rt_down_podman || true
    rt_umount_under "$RT_WORK"
    rm -rf --one-file-system "$RT_WORK" "$file.tmp"
  }
  trap sup_cleanup EXIT
  trap 'exit 130' INT TERM
  RT_IMAGE=$(image_ref "$image")
  image_tar "$RT_IMAGE"
  # shellcheck disable=SC2034 # read by rt_up_podman
  RT_IMAGE_TAR=$IMAGE_TAR
  version=$(rt_up_podman) || { echo "sup_report: podman could not load $RT_IMAGE" >&2; exit 1; }
  data=$(sup_filter_data podman) || exit 1
  socket=$RT_WORK/supervisor.sock
  if ! sup_start "$bin" "$socket" "$RT_WORK/supervisor.log"; then
    cat "$RT_WORK/supervisor.log" >&2
    exit 1
  fi
  sup_podman_run podman "$socket" "$data" -- --format json --syscalls all --kallsyms always \
    --label "$version default + supervisor" "$@" >"$file.tmp" || rc=$?
  sup_finish || { [ "$rc" -ne 0 ] || rc=1; }
  cat "$RT_WORK/supervisor.log" >&2
  if [ "$rc" -ne 0 ] || ! is_report "$file.tmp"; then
    echo "sup_report: the supervised run of $RT_IMAGE failed (exit $rc)" >&2
    exit 1
  fi
  mv "$file.tmp" "$file"
)
