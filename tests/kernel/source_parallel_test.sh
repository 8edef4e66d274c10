#!/usr/bin/env bash
# scripts/internal/kernel-source run several times at once on an empty cache, as
# parallel CTest tests do on a fresh machine: every run prints the same tree,
# one unpacks it, the others wait (a cold CI run once failed here: two runs
# unpacked into the same directory). A fake tree keeps it fast.
. "$(dirname "$0")/../lib.sh"

tmp=$TEST_TMP

tree=$tmp/linux-fake
mkdir -p "$tree/arch/x86" "$tree/include/linux"
: >"$tree/Makefile"; : >"$tree/Kbuild"; : >"$tree/include/linux/syscalls.h"
# Enough bytes that the unpack takes a while and the runs overlap.
head -c 8000000 /dev/urandom >"$tree/payload"
tar -c -C "$tmp" linux-fake | xz -0 >"$tmp/linux-fake.tar.xz"

export SYSCALL_PROBE_CACHE=$tmp/cache
pids=()
for i in 1 2 3 4; do
  timeout 300 "$SP_ROOT/scripts/internal/kernel-source" "$tmp/linux-fake.tar.xz" >"$tmp/out$i" 2>"$tmp/err$i" &
  pids+=($!)
done
for i in 1 2 3 4; do
  wait "${pids[$((i - 1))]}" || fail "run $i failed: $(cat "$tmp/err$i")"
done
want=$(cat "$tmp/out1")
[ -f "$want/payload" ] || fail "run 1 printed '$want', which holds no unpacked tree"
for i in 2 3 4; do
  [ "$(cat "$tmp/out$i")" = "$want" ] || fail "run $i printed '$(cat "$tmp/out$i")', run 1 '$want'"
done
n=$(cat "$tmp"/err* | grep -c 'source: unpacking' || true)
[ "$n" -eq 1 ] || fail "$n runs unpacked the tarball, want 1: $(cat "$tmp"/err*)"
cmp -s "$want/payload" "$tree/payload" || fail "the unpacked payload differs from the tarball's"
echo "ok: 4 parallel runs, one unpack, all print $want"
