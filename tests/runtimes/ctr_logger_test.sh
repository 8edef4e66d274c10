#!/usr/bin/env bash
# scripts/internal/ctr-logger as containerd's shim drives it (pure, label
# unit): stdout on fd 3, stderr on fd 4, a pipe on fd 5 it must close when
# ready. The shim sends SIGTERM once the container has exited and then waits;
# here it comes before a byte is written, and both files must still be
# whole. Bad arguments: one line, exit 2, nothing written.
. "$(dirname "$0")/../lib.sh"

logger=$SP_ROOT/scripts/internal/ctr-logger
cd "$TEST_TMP"
mkfifo o e r
"$logger" out "$TEST_TMP/got" 3<o 4<e 5>r &
pid=$!
# The same order as the logger's: stdout, stderr, then the ready pipe.
exec {wo}>o {we}>e {rr}<r
timeout 10 cat <&"$rr" >/dev/null || fail "the logger did not close fd 5 (ready) within 10 s"
exec {rr}<&-
pass "ready: fd 5 closed, by the logger and every process it started"

kill -TERM "$pid"
sleep 0.2
kill -0 "$pid" 2>/dev/null || fail "the logger died of the SIGTERM before its pipes ended"
# More than a pipe's and a copy buffer's worth each, in small writes.
head -c 700000 /dev/urandom >want.out
head -c 300001 /dev/urandom >want.err
dd if=want.out bs=4096 status=none >&"$wo" &
w1=$!
dd if=want.err bs=1000 status=none >&"$we" &
w2=$!
wait "$w1" "$w2"
exec {wo}>&- {we}>&-
timeout 10 tail --pid="$pid" -f /dev/null || fail "the logger still runs 10 s after its pipes ended"
rc=0
wait "$pid" || rc=$?
expect_eq "logger exit status" "$rc" 0
cmp -s want.out got.stdout || fail "stdout: $(stat -c %s got.stdout) bytes written of 700000, or different ones"
cmp -s want.err got.stderr || fail "stderr: $(stat -c %s got.stderr) bytes written of 300001, or different ones"
pass "after an early SIGTERM, stdout and stderr written whole, each to its own file"

for args in "" "out" "out ''" "stem x" "out x y"; do
  rc=0
  eval "\"\$logger\" $args" >bad.out 2>bad.err || rc=$?
  expect_eq "exit status of ctr-logger $args" "$rc" 2
  expect_eq "stderr lines of ctr-logger $args" "$(wc -l <bad.err)" 1
  [ ! -s bad.out ] || fail "ctr-logger $args printed on stdout"
done
[ -z "$(find . -name 'x.std*')" ] || fail "a refused call wrote a file"
pass "bad arguments: exit 2, one line, nothing written"
