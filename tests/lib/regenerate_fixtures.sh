#!/usr/bin/env bash
# Every captured report the tests read (probe/test/fixtures/reports), made
# again from real runs of this checkout's probe:
#   host/{unconfined,default}.json    the image under Docker on this machine (scripts/matrix, local)
#   host/direct.json                  the image's binary run here as uid 65534 (no container)
#   supervisor/default.json           the image under Podman + crun's default profile with
#                                     syscall-probe-supervisor answering 548 (sup_report)
#   host-arm64/{unconfined,default}   the linux/arm64 twin under Docker through binfmt_misc + qemu-user
#   host-arm64/direct.json            the arm64 binary under qemu-aarch64-static directly, as uid 65534
#   guest/                            the patched 6.1 kernel in QEMU (the matrix's guest), its kernel
#                                     log line and accelerator
#   matrix/                           the matrix's other guests: Debian's stock kernels, and the
#                                     arm64 kernels with the arm64 image
#   bad-truncated.json, bad-schema-v2.json   cut and re-versioned copies of host/default.json
# v0.1.0/ is left as it is: a report of an older probe, kept on purpose (compare reads a report
# of any probe version of the same schema major version). Writes made-by.txt (probe version,
# commit, date, machine) and fails unless every report carries this checkout's probe_version.
set -euo pipefail
. "$(dirname "$0")/../../scripts/lib/common.sh"
. "$SP_ROOT/scripts/lib/image.sh"
. "$SP_ROOT/scripts/lib/engine.sh"
. "$SP_ROOT/scripts/lib/runtimes.sh"
. "$SP_ROOT/scripts/lib/supervisor.sh"

usage() {
  cat <<USAGE
usage: tests/lib/regenerate_fixtures.sh [--image NAME] [--matrix DIR] [--work DIR]

  --image NAME   the image built from this checkout (default: syscall-probe:fixtures;
                 its arm64 twin NAME-arm64); built here unless --matrix is given
                 and the image exists
  --matrix DIR   reuse the output of a scripts/matrix run of that image on the
                 kernels below instead of booting them again
  --work DIR     where the matrix writes (default: a temporary folder, removed)

The matrix run: scripts/matrix --hosts local,qemu --kernels $FIXTURE_KERNELS.
Needs root (uid 65534 runs, binfmt_misc), Docker, the kernels' caches (QEMU
under TCG: tens of minutes). Exit codes: 0 written, 1 a run failed, 2 bad usage.
USAGE
}

FIXTURE_KERNELS=bullseye,bookworm,trixie,patched-6.1,bookworm-arm64,patched-6.1-arm64
image=syscall-probe:fixtures matrix="" work=""
while [ $# -gt 0 ]; do
  case $1 in
    -h|--help) usage; exit 0 ;;
    --image|--matrix|--work)
      need_value "$1" $#
      [ -n "$2" ] || usage_error "$1 needs a value"
      case $1 in --image) image=$2 ;; --matrix) matrix=$2 ;; --work) work=$2 ;; esac
      shift ;;
    *) usage_error "unknown argument '$1'" ;;
  esac
  shift
done
need_root
image=$(image_ref "$image")
arm64=$(arm64_image "$image")
fx=$SP_ROOT/probe/test/fixtures/reports
version=$(sed -nE 's/^[[:space:]]*VERSION[[:space:]]+([0-9][0-9.]*).*/\1/p' "$SP_ROOT/CMakeLists.txt" | head -n1)
[ -n "$version" ] || die "cannot read VERSION from CMakeLists.txt"

# The probe's own sources at the start: what the image is built from.
commit=$(git -C "$SP_ROOT" rev-parse --short HEAD)
git -C "$SP_ROOT" diff --quiet HEAD -- probe/src kernel/include CMakeLists.txt || commit+=" (probe sources modified)"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sp-fixtures.XXXXXX")
cleanup() {
  engine_release
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
engine_ensure "$tmp/engine.log" || die "no Docker engine (see $tmp/engine.log)"

# ---- the images of this checkout ---------------------------------------------
if [ -z "$matrix" ] || ! docker image inspect "$image" >/dev/null 2>&1; then
  log "image: $image (scripts/build-image)"
  "$SP_ROOT/scripts/build-image" --tag "$image" --no-unit-tests >&2
  log "image: $arm64 (the cross-built arm64 binary)"
  image_arm64 "$arm64"
fi
"$SP_ROOT/scripts/internal/binfmt" status >/dev/null 2>&1 || "$SP_ROOT/scripts/internal/binfmt" enable >&2

# image_binary IMAGE FILE: the image's /syscall-probe copied out.
image_binary() {
  local id
  id=$(timeout 60 docker create "$1")
  timeout 60 docker cp "$id:/syscall-probe" "$2" >/dev/null || { docker rm "$id" >/dev/null; return 1; }
  timeout 60 docker rm "$id" >/dev/null
  chmod 0755 "$2"
}
image_binary "$image" "$tmp/syscall-probe"
image_binary "$arm64" "$tmp/syscall-probe-arm64"
chmod 0755 "$tmp"
got=$("$tmp/syscall-probe" --version)
[[ $got == *" $version"* ]] || die "the image's probe says '$got', this checkout is $version"

# ---- the matrix: this machine under Docker, the QEMU guests ------------------
if [ -z "$matrix" ]; then
  matrix=${work:-$tmp/matrix}
  log "matrix: scripts/matrix --hosts local,qemu --kernels $FIXTURE_KERNELS (log: $matrix/logs)"
  "$SP_ROOT/scripts/matrix" --hosts local,qemu --kernels "$FIXTURE_KERNELS" --image "$image" \
    --out "$matrix" --guest-timeout 1800 >/dev/null
fi
for k in this-host ${FIXTURE_KERNELS//,/ }; do
  [ ! -e "$matrix/$k-failed.json" ] || die "$k failed in the matrix: $(jq -r .reason "$matrix/$k-failed.json")"
  for mode in unconfined default; do
    is_report "$matrix/$k-$mode.json" || die "no report $matrix/$k-$mode.json"
  done
done

# ---- the new folder, then swapped in -----------------------------------------
new=$tmp/reports
mkdir -p "$new/host" "$new/host-arm64" "$new/guest" "$new/matrix" "$new/supervisor"
for mode in unconfined default; do
  cp "$matrix/this-host-$mode.json" "$new/host/$mode.json"
  cp "$matrix/patched-6.1-$mode.json" "$new/guest/$mode.json"
  for k in bullseye bookworm trixie bookworm-arm64 patched-6.1-arm64; do
    cp "$matrix/$k-$mode.json" "$new/matrix/$k-$mode.json"
  done
  log "host-arm64 $mode: $arm64 through binfmt_misc"
  host_report "$arm64" "$mode" "this-host $mode" "$new/host-arm64/$mode.json" "$tmp/host-arm64.log" \
    || die "image_report $arm64 $mode failed: $(tail -n3 "$tmp/host-arm64.log")"
done
grep -m1 'syscall-probe: ' "$matrix/logs/patched-6.1-kernel-log.txt" >"$new/guest/kernel-log.txt" \
  || die "no syscall-probe line in $matrix/logs/patched-6.1-kernel-log.txt"
grep -m1 -oE 'accel(erator)?[ =:]+(kvm|tcg)' "$matrix/logs/patched-6.1-guest.log" | grep -oE '(kvm|tcg)$' >"$new/guest/accel" \
  || die "no accelerator named in $matrix/logs/patched-6.1-guest.log"

# The census on this machine with no container, as a user without privileges.
as_nobody() { timeout 600 setpriv --reuid 65534 --regid 65534 --clear-groups "$@"; }
log "host direct: the image's binary as uid 65534"
as_nobody "$tmp/syscall-probe" --format json --syscalls all --label "this-host direct" >"$new/host/direct.json"
log "host-arm64 direct: the arm64 binary under qemu-aarch64-static as uid 65534"
as_nobody qemu-aarch64-static "$tmp/syscall-probe-arm64" --format json --syscalls all \
  --label "this-host arm64 direct" >"$new/host-arm64/direct.json"

# The demo's supervised column: the same image, a supervisor answering 548.
log "supervisor: the image under Podman + crun with syscall-probe-supervisor (sup_report)"
supervisor=$(sup_build 2>"$tmp/supervisor-build.log") \
  || die "the supervisor did not build: $(tail -n3 "$tmp/supervisor-build.log")"
sup_report "$image" "$supervisor" "$new/supervisor/default.json" 2>"$tmp/supervisor.log" \
  || die "sup_report failed: $(tail -n3 "$tmp/supervisor.log")"

head -c 1500 "$new/host/default.json" >"$new/bad-truncated.json"
jq '.schema_version = 2' "$new/host/default.json" >"$new/bad-schema-v2.json"

bad=0
while IFS= read -r f; do
  is_report "$f" || { echo "not a report: $f" >&2; bad=1; continue; }
  v=$(jq -r .probe_version "$f")
  [ "$v" = "$version" ] || { echo "$f: probe_version $v, not $version" >&2; bad=1; }
done < <(find "$new" -name '*.json' ! -name 'bad-*')
[ "$bad" = 0 ] || die "a regenerated report is not of this probe"

{
  echo "probe_version $version"
  echo "commit $commit"
  echo "generated $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "machine $(uname -srm), $(nproc) cores, Docker $(docker version -f '{{.Server.Version}}')"
  # The images by ID: their tags are the caller's own names.
  echo "image $(docker image inspect -f '{{.Id}}' "$image" | cut -c1-19) (linux/amd64), $(docker image inspect -f '{{.Id}}' "$arm64" | cut -c1-19) (linux/arm64), both built from the commit above"
  echo "kernels $FIXTURE_KERNELS"
} >"$new/made-by.txt"

for d in host host-arm64 guest matrix supervisor; do
  rm -rf "${fx:?}/$d"
  cp -r "$new/$d" "$fx/$d"
done
cp "$new/bad-truncated.json" "$new/bad-schema-v2.json" "$new/made-by.txt" "$fx/"
log "fixtures: $(find "$new" -name '*.json' | wc -l) files of probe $version in $fx"
