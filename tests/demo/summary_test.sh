#!/usr/bin/env bash
# The demo's summary rendered from REAL reports captured on this machine
# (probe/test/fixtures/reports/README.md says how): the rows carry the releases, hostnames and
# verdicts of the reports, the lesson's truths hold, and it fits 80 columns.
. "$(dirname "$0")/lib.sh"

[ $# -eq 1 ] || usage_error "usage: summary_test.sh FIXTURES_DIR"
fx=$1
summary=$SP_ROOT/tools/summary.py

if [ ! -f "$fx/host/unconfined.json" ] || [ ! -f "$fx/host/default.json" ]; then
  echo "FAIL: $fx/host/{unconfined,default}.json missing" >&2
  exit 1
fi


# both_in_row TEXT LABEL A B: the row LABEL holds A, then B further right.
both_in_row() { local r; r=$(row "$1" "$2"); [[ $r == *"$3"*"$4"* ]] || { echo "  row: $r" >&2; return 1; }; }
one_line_naming() { [ "$(wc -l <"$1")" -eq 1 ] && grep -q "$2" "$1"; }

# --- host only -------------------------------------------------------------
out=$("$summary" --color never "$fx/host")
h_rel=$(rj release "$fx/host/unconfined.json")
h_node=$(rj nodename "$fx/host/unconfined.json")
check "header names this host" contains "$(printf '%s\n' "$out" | head -n1)" "this host"
check "kernel row shows the report's release ($h_rel)" contains "$(row "$out" 'kernel (uname -r)')" "$h_rel"
check "hostname row shows the container's nodename ($h_node)" contains "$(row "$out" hostname)" "$h_node"
check "unconfined on a stock host: absent (ENOSYS)" contains "$(row "$out" 'syscall 548, unconfined')" "absent (ENOSYS)"
d_verdict=$(rj 'own | verdict' "$fx/host/default.json")
check "default-profile row shows the report's verdict ($d_verdict)" contains "$(row "$out" 'syscall 548, default')" "$d_verdict"
check "default profile on a stock host is never implemented" test "$d_verdict" != implemented
has=$(rj -s 'map((own | has_symbol) | select(. != null)) | if length == 0 then "none" else .[0] end' \
  "$fx/host/unconfined.json" "$fx/host/default.json")
case $has in true) want=yes ;; false) want=no ;; *) want="not consulted" ;; esac
check "symbol row: '$want' (from the reports)" contains "$(row "$out" 'entry symbol in kernel')" "$want"
# The symbol row names the table that answered, from the report's own
# "evidence" field (under the default profile the probe reads kallsyms too,
# --kallsyms always, and kallsyms answers).
src=$(rj -s 'map(own | select(has_symbol != null) | evidence) | .[0] // "none"' \
  "$fx/host/unconfined.json" "$fx/host/default.json")
case $src in btf) src=BTF ;; none) src="" ;; esac
if [ -n "$src" ]; then
  check "symbol row names its source: '$want ($src)'" contains "$(row "$out" 'entry symbol in kernel')" "$want ($src)"
fi
check "kernel log row is empty for this host" contains "$(row "$out" 'kernel log')" "—"
token=$(printf '0x%08x' "$(rj 'own | token' "$fx/host/unconfined.json")")
check "no value came back; token shown ($token)" contains "$(row "$out" 'returned value')" "none (token $token)"
check "host-only sentences point to the VM run" contains "$out" "without --host-only"
w=$(max_width "$out")
check "fits 80 columns (widest line $w)" test "$w" -le 80
check "--color never: no escape sequences" no_escapes "$out"
coloured=$("$summary" --color always "$fx/host")
check "--color always: the verdict is coloured" contains "$coloured" $'\033[31mabsent'
auto=$(NO_COLOR=1 "$summary" "$fx/host")
check "auto colour off a terminal: same as never" test "$auto" = "$out"

# --- host and patched guest -----------------------------------------------
if [ -d "$fx/guest" ]; then
  out=$("$summary" --color never "$fx/host" "$fx/guest")
  g_rel=$(rj release "$fx/guest/unconfined.json")
  check "guest release carries the marker (-syscall-probe)" contains "$g_rel" "-syscall-probe"
  check "header: patched host (VM, $(cat "$fx/guest/accel"))" contains "$(printf '%s\n' "$out" | head -n1)" "patched host (VM, $(tr -d '\n' <"$fx/guest/accel"))"
  check "kernel row: both releases" both_in_row "$out" 'kernel (uname -r)' "$h_rel" "$g_rel"
  check "unconfined row: absent here" \
    contains "$(cell "$out" 'syscall 548, unconfined' 'syscall 548, default' 'this host')" "absent (ENOSYS)"
  check "unconfined row: implemented (verified) in the VM, the kernel answering" \
    test "$(cell "$out" 'syscall 548, unconfined' 'syscall 548, default' 'patched host')" = "kernel: implemented (verified)"
  g_default=$(rj 'own | verdict' "$fx/guest/default.json")
  check "guest default profile: blocked (report says $g_default)" test "$g_default" = blocked
  check "default row: blocked, kernel has it" contains "$out" "kernel has it)"
  here="$want${src:+ ($src)}"
  check "symbol row: $here here (the reports' evidence), yes (kallsyms) in the VM" \
    both_in_row "$out" 'entry symbol in kernel' "$here" "yes (kallsyms)"
  # The kernel log line can wrap inside its cell: compare without the spaces.
  logline=$(grep -m1 -o "$(sp_header LOG_PREFIX).*" "$fx/guest/kernel-log.txt")
  check "kernel log row quotes the guest's line ($logline)" \
    contains "$(printf '%s\n' "$out" | sed -n '/^kernel log/,/^returned value/p' | tr -d ' \n')" "$(printf '%s' "$logline" | tr -d ' ')"
  value=$(printf '0x%08x' "$(rj 'own | returned' "$fx/guest/unconfined.json")")
  check "returned value row: $value = token^magic" contains "$(row "$out" 'returned value')" "$value = token^magic"
  magic=$(sp_header MAGIC)
  check "value verified: value == token ^ $magic" \
    test "$(( $(rj 'own | token' "$fx/guest/unconfined.json") ^ magic ))" -eq "$(rj 'own | returned' "$fx/guest/unconfined.json")"
  check "sentences say the same image gets the verified value" contains "$out" "gets the verified value back"
  w=$(max_width "$out")
  check "two columns fit 80 columns (widest line $w)" test "$w" -le 80
else
  echo "note: no $fx/guest reports captured; the two-column rendering is not checked"
fi

# --- this host, this host + supervisor, patched guest ------------------------
# The supervised column (scripts/demo, sup_report): the same image on this
# kernel, under a default profile with a seccomp supervisor answering 548.
if [ -d "$fx/supervisor" ]; then
  sup=$fx/supervisor/default.json
  out=$("$summary" --color never --supervisor "$fx/supervisor" "$fx/host" "$fx/guest")
  check "three headers, the supervised one between the hosts" \
    contains "$(printf '%s\n' "$out" | head -n1)" "this host         this host +"
  check "supervised report: 548 implemented, verified, answered by the supervisor" \
    test "$(jq -r '.syscall | "\(.verdict) \(.verified) \(.answered_by)"' "$sup")" = "implemented true seccomp-supervisor"
  check "supervised column, default row: supervisor: implemented (verified)" \
    test "$(cell "$out" 'syscall 548, default' 'entry symbol' 'this host +')" = \
    "supervisor: implemented (verified)"
  check "supervised column: no unconfined run" \
    test "$(cell "$out" 'syscall 548, unconfined' 'syscall 548, default' 'this host +')" = "—"
  s_rel=$(jq -r .kernel.release "$sup")
  check "supervised column: this host's kernel ($s_rel), not a patched one" \
    test "$(cell "$out" 'kernel (uname' 'architecture' 'this host +')" = "$s_rel"
  check "supervised column: the kernel has no entry symbol" \
    contains "$(cell "$out" 'entry symbol' 'kernel log' 'this host +')" "no ("
  value=$(printf '0x%08x' "$(jq -r .syscall.outcome.value "$sup")")
  check "supervised value is token ^ 0x5ca11ab1" \
    test "$(( $(jq -r .syscall.token "$sup") ^ 0x5ca11ab1 ))" -eq "$(jq -r .syscall.outcome.value "$sup")"
  check "supervised column, returned value: $value = token^magic" \
    test "$(cell "$out" 'returned value' '' 'this host +')" = "$value = token^magic"
  check "the guest column is unchanged: implemented (verified) unconfined" \
    contains "$(cell "$out" 'syscall 548, unconfined' 'syscall 548, default' 'patched host')" "implemented (verified)"
  check "a long kernel release is cut at a hyphen, not inside a word" \
    test "$(cell "$out" 'kernel (uname' 'architecture' 'patched host' | tr -d ' ')" = "$(jq -r .kernel.release "$fx/guest/unconfined.json")"
  flat=$(tr '\n' ' ' <<<"$out" | tr -s ' ')
  check "sentences: the supervisor answered on this same kernel, which lacks the symbol" \
    contains "$flat" "On this same kernel, which has no $(jq -r .syscall.symbol "$sup"), a seccomp supervisor"
  check "sentences: the host, never the image" contains "$flat" "never the image."
  w=$(max_width "$out")
  check "three columns fit 80 columns (widest line $w)" test "$w" -le 80
  # A supervised run the supervisor did not answer is told as such.
  mkdir -p "$TEST_TMP/unanswered"
  jq '.syscall.verdict = "absent" | .syscall.verified = false | .syscall.answered_by = "seccomp-filter"' \
    "$sup" >"$TEST_TMP/unanswered/default.json"
  out=$("$summary" --color never --supervisor "$TEST_TMP/unanswered" "$fx/host")
  check "unanswered supervised run: said so, with the expectation" \
    contains "$(tr '\n' ' ' <<<"$out" | tr -s ' ')" "expected implemented and verified, answered by the supervisor"
  rc=0; "$summary" --supervisor "$TEST_TMP/none" "$fx/host" >/dev/null 2>"$TEST_TMP/err" || rc=$?
  check "supervisor folder without default.json: exit 1" test "$rc" -eq 1
  check "supervisor folder without default.json: one line naming it" one_line_naming "$TEST_TMP/err" default.json
  rc=0; "$summary" "$fx/host" --supervisor >/dev/null 2>&1 || rc=$?
  check "--supervisor without a folder: exit 2" test "$rc" -eq 2
else
  fail_check "no $fx/supervisor report captured"
fi

# --- the architecture row ---------------------------------------------------
out=$("$summary" --color never "$fx/host")
check "architecture row: this host's machine ($(rj machine "$fx/host/unconfined.json"))" \
  contains "$(row "$out" architecture)" "$(rj machine "$fx/host/unconfined.json")"
# The arm64 image under qemu-user on this x86_64 host (scripts/demo --arch
# arm64 --host-only): the row and the verdicts name the emulator, and the
# sentences put the ENOSYS on it, not on the kernel.
if [ -d "$fx/host-arm64" ]; then
  out=$("$summary" --color never "$fx/host-arm64")
  check "emulated: architecture row names both arches and the emulator" \
    contains "$(row "$out" architecture)" "aarch64 on x86_64 via"
  check "emulated: the emulator's name is not cut at its hyphen" contains "$out" "qemu-user"
  a_verdict=$(rj 'own | verdict' "$fx/host-arm64/unconfined.json")
  check "emulated: unconfined verdict ($a_verdict) names the emulator" \
    contains "$(tr -s ' \n' ' ' <<<"$out")" "$a_verdict (ENOSYS from qemu-user)"
  check "emulated: the sentences say the emulator answered" contains "$(tr '\n' ' ' <<<"$out")" "the emulator answered"
  w=$(max_width "$out")
  check "emulated: fits 80 columns (widest line $w)" test "$w" -le 80
else
  fail_check "no $fx/host-arm64 reports captured"
fi

# --- bad input: one line, documented exit code, nothing on stdout -----------
tmp=$TEST_TMP
cp "$fx/host/default.json" "$tmp/default.json"
head -c 200 "$fx/host/unconfined.json" >"$tmp/unconfined.json"
rc=0; so=$("$summary" "$tmp" 2>"$tmp/err") || rc=$?
check "truncated report: exit 1" test "$rc" -eq 1
check "truncated report: one line naming the file" one_line_naming "$tmp/err" unconfined.json
check "truncated report: nothing on stdout" test -z "$so"
jq '.schema_version = 2' "$fx/host/default.json" >"$tmp/unconfined.json"
rc=0; "$summary" "$tmp" >/dev/null 2>"$tmp/err" || rc=$?
check "schema_version 2: refused with exit 1" test "$rc" -eq 1
check "schema_version 2: says which version it reads" grep -q 'schema_version 2' "$tmp/err"
rc=0; "$summary" --bogus "$fx/host" >/dev/null 2>&1 || rc=$?
check "unknown option: exit 2" test "$rc" -eq 2
rc=0; "$summary" >/dev/null 2>&1 || rc=$?
check "no directory: exit 2" test "$rc" -eq 2
finish
