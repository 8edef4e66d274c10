#!/usr/bin/env bash
# Build (or reuse) the patched kernel and check what came out.
. "$(dirname "$0")/../lib.sh"

usage() {
  cat <<EOF2
usage: $(basename "$0") CASE [VERSION]

CASE: config   --config-only: the fragment survives, and a dropped option is named
      bzimage  scripts/build-kernel --version VERSION gives a bzImage whose
               release ends with the marker and whose System.map has the syscall
      w1       the syscall's directory builds with W=1 without a warning
VERSION: 6.1 (default), 6.12 or 5.10
Exit codes: 0 pass, 1 fail, 77 skip (no compiler or kernel source).
EOF2
}

[ $# -ge 1 ] || usage_error "missing CASE"
case $1 in -h|--help) usage; exit 0 ;; esac
CASE=$1
VERSION=${2:-6.1}
HEADER=$SP_ROOT/kernel/include/uapi/linux/syscall_probe.h
MARKER=$(awk '$2 == "SYSCALL_PROBE_RELEASE_MARKER" { gsub(/"/, "", $3); print $3 }' "$HEADER")

command -v gcc >/dev/null || [ "$(id -u)" -eq 0 ] || skip_test "no gcc and not root to install it"
"$SP_ROOT/scripts/internal/kernel-source" "$VERSION" >/dev/null 2>&1 || skip_test "no linux-source-$VERSION"

build() {
  bz=$("$SP_ROOT/scripts/build-kernel" --version "$VERSION" --print-path) || fail "scripts/build-kernel --version $VERSION failed"
  [ "$(wc -l <<<"$bz")" -eq 1 ] || fail "--print-path printed more than one line: $bz"
  [ -s "$bz" ] || fail "no bzImage at $bz"
  dir=$(dirname "$bz")
  release=$(cat "$dir/kernel.release")
}

case $CASE in
  config)
    # The fragment survives olddefconfig on this version...
    cfg=$("$SP_ROOT/scripts/build-kernel" --version "$VERSION" --config-only) || fail "--config-only failed"
    grep -qx 'CONFIG_SYSCALL_PROBE=y' "$cfg" || fail "$cfg lacks CONFIG_SYSCALL_PROBE=y"
    grep -qxF "CONFIG_LOCALVERSION=\"$MARKER\"" "$cfg" || fail "$cfg lacks the release marker"
    # ...and an option that cannot survive is named in the failure.
    tmp=$TEST_TMP
    cp -a "$SP_ROOT/kernel" "$tmp/kernel"
    echo 'CONFIG_SYSCALL_PROBE_NO_SUCH_OPTION=y' >>"$tmp/kernel/config/guest.config"
    rc=0
    SYSCALL_PROBE_KERNEL_DIR=$tmp/kernel "$SP_ROOT/scripts/build-kernel" --version "$VERSION" --config-only \
      >/dev/null 2>"$tmp/err" || rc=$?
    [ "$rc" -eq 1 ] || fail "a fragment option that cannot be set gave exit $rc, expected 1"
    grep -q 'CONFIG_SYSCALL_PROBE_NO_SUCH_OPTION=y' "$tmp/err" || fail "the dropped option is not named: $(cat "$tmp/err")"
    echo "PASS: Linux $VERSION config verified; a dropped option is named: $(grep -o 'dropped [^(]*' "$tmp/err")"
    ;;
  bzimage)
    build
    case $release in "$VERSION".*"$MARKER") ;; *) fail "release '$release' is not $VERSION.*$MARKER" ;; esac
    # The boot header carries the version string: file(1) shows it.
    file "$bz" | grep -q "version $release " || fail "file(1) does not show version $release: $(file "$bz")"
    grep -q ' T __x64_sys_syscall_probe$' "$dir/System.map" || fail "System.map lacks __x64_sys_syscall_probe"
    grep -qx 'CONFIG_SYSCALL_PROBE=y' "$dir/config" || fail "config lacks CONFIG_SYSCALL_PROBE=y"
    # A second run is warm: same path, nothing rebuilt.
    log=$TEST_TMP/warm.log
    again=$("$SP_ROOT/scripts/build-kernel" --version "$VERSION" --print-path 2>"$log")
    [ "$again" = "$bz" ] || fail "warm run gave another path: $again"
    grep -q 'cached:' "$log" || fail "warm run did work: $(cat "$log")"
    ! grep -q 'build: make' "$log" || fail "warm run ran make"
    echo "PASS: $bz ($release)"
    ;;
  w1)
    build
    work=$SP_CACHE/kernels/work-${release%"$MARKER"}
    [ -d "$work/obj" ] || fail "no object tree in $work"
    exec 9>"$SP_CACHE/kernels/.lock-${release%"$MARKER"}"
    flock -w 3600 9 || fail "timed out waiting for the build lock"
    # Force the compile: an up-to-date object would not show its warnings.
    rm -f "$work/obj/syscall_probe/syscall_probe.o"
    out=$(make -C "$work/src" O="$work/obj" ARCH=x86_64 LOCALVERSION= W=1 syscall_probe/ 2>&1) \
      || fail "make W=1 syscall_probe/ failed: $out"
    grep -q 'CC .*syscall_probe/syscall_probe.o' <<<"$out" || fail "W=1 did not compile syscall_probe.o: $out"
    ! grep -qi 'warning:' <<<"$out" || fail "W=1 warnings: $(grep -i 'warning:' <<<"$out")"
    echo "PASS: make W=1 syscall_probe/ clean"
    ;;
  *) usage_error "unknown CASE '$CASE'" ;;
esac
