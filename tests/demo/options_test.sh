#!/usr/bin/env bash
# scripts/demo's option handling: every bad option exits 2 with one line on
# stderr and nothing on stdout, before any work; --help; --clean on a scratch
# cache (never the real one) empties it but keeps a running engine's state.
. "$(dirname "$0")/lib.sh"
demo=$SP_ROOT/scripts/demo

documents() { [[ $1 == *--host-only* && $1 == *--no-supervisor* && $1 == *--arch* && $1 == *--clean* && $1 == *"Exit codes"* ]]; }
gone() { local p; for p in "$@"; do [ ! -e "$p" ] || return 1; done; }

tmp=$TEST_TMP

bad() {
  local rc=0 so
  so=$("$demo" "$@" 2>"$tmp/err") || rc=$?
  check "demo $*: exit 2" test "$rc" -eq 2
  check "demo $*: one line on stderr" test "$(wc -l <"$tmp/err")" -eq 1
  check "demo $*: nothing on stdout" test -z "$so"
}
bad --bogus
bad --kernel-version 4.19
bad --kernel-version
bad --kernel-source "$tmp/does-not-exist"
bad --kernel-version 6.1 --kernel-source "$tmp"
bad --out
bad --arch sparc
bad --arch

rc=0; help=$("$demo" --help) || rc=$?
check "--help exits 0" test "$rc" -eq 0
check "--help documents --host-only, --no-supervisor, --clean and the exit codes" \
  documents "$help"
w=$(max_width "$help")
check "--help fits 80 columns ($w)" test "$w" -le 80

# --clean asks nothing and empties the cache given by SYSCALL_PROBE_CACHE,
# but not engine/ (pid file and log of a running dockerd). The image name is
# one that does not exist, so a live engine's images are left alone.
mkdir -p "$tmp/cache/kernel/x" "$tmp/cache/guest" "$tmp/cache/engine"
touch "$tmp/cache/kernel/x/bzImage" "$tmp/cache/engine/dockerd.pid"
rc=0
SYSCALL_PROBE_CACHE=$tmp/cache SYSCALL_PROBE_IMAGE=syscall-probe-no-such-image-$$ "$demo" --clean </dev/null >/dev/null 2>&1 || rc=$?
check "--clean exits 0 without input" test "$rc" -eq 0
check "--clean removed kernel/ and guest/" gone "$tmp/cache/kernel" "$tmp/cache/guest"
check "--clean kept engine/" test -f "$tmp/cache/engine/dockerd.pid"
finish
