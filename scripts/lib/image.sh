# shellcheck shell=bash
# shellcheck disable=SC2034 # variables read by the scripts that source this block
# How the image is run: the ONE docker run of syscall-probe, under a seccomp
# profile, with the same flags, time limit and exit-status check everywhere
# (demo, matrix, the tests here and, installed as /usr/lib/syscall-probe/image.sh
# by scripts/build-guest, guest/sp-guest inside the QEMU guest).
# Guest-safe: needs only bash, coreutils' timeout and docker; nothing from
# common.sh at source time. Functions that need the host say so.

# The image every command runs unless told otherwise.
SP_IMAGE=${SYSCALL_PROBE_IMAGE:-syscall-probe}
# Seconds one docker run may take before it is stopped (exit 124).
SP_RUN_TIMEOUT=${SYSCALL_PROBE_RUN_TIMEOUT:-120}
# Seconds from that SIGTERM to a SIGKILL (exit 137). docker run, podman run
# and ctr run pass a SIGTERM on to the container, whose PID 1, the probe,
# ignores it (PID 1 of a PID namespace gets only the signals it handles), so
# the client would wait on; the SIGKILL ends a hung run for good.
SP_RUN_KILL_AFTER=10

# run_limited CMD...: CMD under the limit of one run (SP_RUN_TIMEOUT, then
# SIGKILL SP_RUN_KILL_AFTER seconds later): 124 the limit ended it, 137 (with
# the limit past) the SIGKILL did. CMD's stderr is the caller's; the shell's
# own notice of a death by signal ("Killed") goes to /dev/null from the
# subshell that waits for timeout, so that it never stands in the run's
# stderr for what the run said.
run_limited() {
  { (timeout --kill-after="$SP_RUN_KILL_AFTER" "$SP_RUN_TIMEOUT" "$@" 2>&3 3>&-; exit $?) 2>/dev/null; } 3>&2
}

# image_ref IMAGE: IMAGE with its tag, `latest` when it has none (a
# registry's host:port before the last / is not a tag).
image_ref() {
  case ${1##*/} in *:*) echo "$1" ;; *) echo "$1:latest" ;; esac
}

# arm64_image IMAGE: the linux/arm64 image scripts/build-multiarch --name
# IMAGE leaves locally: NAME:TAG-arm64 (TAG latest when IMAGE has none).
arm64_image() { echo "$(image_ref "$1")-arm64"; }

# image_run IMAGE [DOCKER-OPTS...] [-- PROBE-ARGS...]: one
#   docker run --rm --network none DOCKER-OPTS IMAGE PROBE-ARGS
# limited by run_limited. Stdout and stderr are the caller's. Returns the
# probe's exit status (0 report, 1 --expect mismatch, 2 bad usage, 3 internal
# error), 125-127 docker's own failures, 124 the time limit (137 the SIGKILL
# after it).
image_run() {
  local image=$1 opts=()
  shift
  while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  run_limited docker run --rm --network none "${opts[@]}" "$image" "$@"
}

# profile_opts PROFILE: the docker options of a seccomp PROFILE, one per line:
#   default     Docker's default profile (no option)
#   unconfined  no filter
#   FILE.json   that profile (e.g. seccomp/kill.json)
profile_opts() {
  case $1 in
    default) ;;
    unconfined) echo "--security-opt=seccomp=unconfined" ;;
    *) echo "--security-opt=seccomp=$1" ;;
  esac
}

# image_report IMAGE PROFILE LABEL [PROBE-ARGS...]: the standard report of a
# host: `--format json --syscalls all --label LABEL` under PROFILE, JSON on
# stdout. Under every filter the probe reads BTF and kallsyms both
# (--kallsyms always): the verdicts rest on kallsyms and the report lists any
# symbol BTF wrongly calls absent (btf.contradicted), a check on every kernel.
# Returns image_run's status.
image_report() {
  local image=$1 profile=$2 label=$3 opts=() args=()
  shift 3
  mapfile -t opts < <(profile_opts "$profile")
  [ "$profile" = unconfined ] || args=(--kallsyms always)
  image_run "$image" "${opts[@]}" -- --format json --syscalls all "${args[@]}" --label "$label" "$@"
}

# ---- host only (jq, common.sh) ----------------------------------------------

# is_report FILE: FILE is a report of the schema this checkout describes: its
# `schema` and `schema_version` are the constants of docs/report.schema.json.
is_report() {
  # jq -e exits 0 on an empty file (no output at all): not a report.
  [ -s "$1" ] && jq -e --slurpfile s "$SP_ROOT/docs/report.schema.json" \
    '.schema == $s[0].properties.schema.const
     and .schema_version == $s[0].properties.schema_version.const' "$1" >/dev/null 2>&1
}

# report_schema: "NAME/VERSION" of docs/report.schema.json, e.g. syscall-probe/report/1.
report_schema() {
  jq -r '"\(.properties.schema.const)/\(.properties.schema_version.const)"' "$SP_ROOT/docs/report.schema.json"
}

# host_report IMAGE PROFILE LABEL FILE ERRLOG: image_report on this host into
# FILE, written whole or not at all; the probe's and docker's stderr appended
# to ERRLOG. Returns 0 with a valid report in FILE, else 1 (FILE absent).
host_report() {
  local image=$1 profile=$2 label=$3 file=$4 errlog=$5 rc=0
  image_report "$image" "$profile" "$label" >"$file.tmp" 2>>"$errlog" || rc=$?
  if [ "$rc" -ne 0 ] || ! is_report "$file.tmp"; then
    echo "image_report $image $profile: exit $rc$([ "$rc" -ne 124 ] || echo " (killed after ${SP_RUN_TIMEOUT}s)")" >>"$errlog"
    rm -f "$file.tmp"
    return 1
  fi
  mv "$file.tmp" "$file"
}

# image_ensure IMAGE: the engine has IMAGE, else build it (scripts/build-image
# --tag IMAGE; its output to stderr). Needs a running engine.
image_ensure() {
  docker image inspect "$1" >/dev/null 2>&1 && return 0
  log "image: $1 absent, building it (scripts/build-image --tag $1)"
  "$SP_ROOT/scripts/build-image" --tag "$1" >&2 || die "scripts/build-image --tag $1 failed (see above)"
}

# image_tar IMAGE: `docker save IMAGE` once per (image ID, reference), cached
# in $SP_CACHE/images/<id>-<reference>.tar; sets IMAGE_TAR (its path) and
# IMAGE_ID. A bare name means NAME:latest: `docker save NAME` would save every
# tag of the repository (arm64 ones too, whose layers `ctr images import`
# skips and then fails to unpack). The shared lock (fd 7) only orders the saves
# of parallel runs. Call it in the shell that uses the tar (not in $(...)).
image_tar() {
  local dir=$SP_CACHE/images ref
  ref=$(image_ref "$1")
  IMAGE_ID=$(docker image inspect -f '{{.Id}}' "$ref") || die "no image $ref in the engine"
  mkdir -p "$dir"
  IMAGE_TAR=$dir/${IMAGE_ID#sha256:}-$(printf '%s' "$ref" | tr -c 'A-Za-z0-9._-' '_').tar
  exec 7>"$dir/.lock"
  flock -s -w 600 7 || die "$dir/.lock held for 600 s by another run"
  if [ ! -s "$IMAGE_TAR" ]; then
    log "image: docker save $ref ($IMAGE_ID)"
    # $BASHPID, not $$: the matrix's parallel guest jobs are subshells of one
    # shell (same $$) and may save the same arm64 image at once; each writes
    # its own file and the rename is atomic.
    timeout 600 docker save "$ref" -o "$IMAGE_TAR.tmp.$BASHPID" || { rm -f "$IMAGE_TAR.tmp.$BASHPID"; die "docker save $ref failed"; }
    mv "$IMAGE_TAR.tmp.$BASHPID" "$IMAGE_TAR"
  fi
  # No pruning here: a tar deleted under another run's feet (a guest booting
  # from it, ctr importing it) failed a CI run once. They are ~2 MB each;
  # `scripts/demo --clean` empties the cache.
}

# image_arm64 TAG: the linux/arm64 image TAG from the cross-built static
# binary (scripts/build-arm64) alone in a scratch image (Dockerfile.prebuilt):
# no arm64 build stage, no emulated compiler. Progress on stderr; dies on
# failure. Shared by scripts/build-multiarch and `scripts/demo --arch arm64`.
image_arm64() {
  local tag=$1 bin ctx version revision source_url rc=0
  bin=$("$SP_ROOT/scripts/build-arm64") || die "scripts/build-arm64 failed"
  ctx=$(mktemp -d "${TMPDIR:-/tmp}/sp-arm64-image.XXXXXX")
  install -m 0755 "$bin" "$ctx/syscall-probe"
  version=$(sed -nE 's/^[[:space:]]*VERSION[[:space:]]+([0-9][0-9.]*).*/\1/p' "$SP_ROOT/CMakeLists.txt" | head -n1)
  revision=$(git -C "$SP_ROOT" rev-parse HEAD 2>/dev/null || echo unknown)
  source_url=$(git -C "$SP_ROOT" remote get-url origin 2>/dev/null || echo unknown)
  log "image: docker build --platform linux/arm64 -t $tag (Dockerfile.prebuilt)"
  timeout 600 docker build -q --network none --platform linux/arm64 -f "$SP_ROOT/Dockerfile.prebuilt" \
    --build-arg VERSION="$version" --build-arg REVISION="$revision" --build-arg SOURCE="$source_url" \
    -t "$tag" "$ctx" >/dev/null 2>"$ctx/build.err" || rc=$?
  [ "$rc" -eq 0 ] || { local err; err=$(cat "$ctx/build.err"); rm -rf "$ctx"; die "arm64 image build failed: $err"; }
  rm -rf "$ctx"
}
