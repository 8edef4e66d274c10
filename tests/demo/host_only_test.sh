#!/usr/bin/env bash
# scripts/demo --host-only for real: builds (or reuses) the image, runs it on
# this host's engine twice, and prints the summary. Asserts the lesson's
# host half from the reports it wrote and the summary it printed.
. "$(dirname "$0")/lib.sh"

[ $# -eq 1 ] || usage_error "usage: host_only_test.sh OUT_DIR"
out=$1

docker info >/dev/null 2>&1 || skip_test "no Docker engine answers (scripts/engine start, or run scripts/test)"

rm -rf "$out"
mkdir -p "$(dirname "$out")"
rc=0
"$SP_ROOT/scripts/demo" --host-only --out "$out" >"$out.stdout" 2>"$out.stderr" || rc=$?
if [ "$rc" -ne 0 ]; then
  cat "$out.stderr" >&2
  echo "FAIL: scripts/demo --host-only exited $rc" >&2
  exit 1
fi
stdout=$(cat "$out.stdout")

for f in default unconfined; do
  check "host/$f.json is a $(report_schema) report" is_report "$out/host/$f.json"
done
rel=$(rj release "$out/host/unconfined.json")
node=$(rj nodename "$out/host/unconfined.json")
check "kernel release inside ($rel) is this host's ($(uname -r))" test "$rel" = "$(uname -r)"
check "hostname inside ($node) is not this host's ($(hostname))" test "$node" != "$(hostname)"
check "unconfined: absent on this stock kernel" test "$(rj 'own | verdict' "$out/host/unconfined.json")" = absent
check "default profile: not implemented" test "$(rj 'own | verdict' "$out/host/default.json")" != implemented
check "default profile: seccomp is on (mode 2)" test "$(rj seccomp_mode "$out/host/default.json")" = 2
check "unconfined: seccomp is off (mode 0)" test "$(rj seccomp_mode "$out/host/unconfined.json")" = 0
# The host column is run as the VM's is (image_report): the same flags.
check "default profile: kallsyms read too (--kallsyms always)" test "$(rj 'kallsyms.consulted' "$out/host/default.json")" = true
check "both runs: the whole catalogue (--syscalls all)" test "$(rj -s 'map(calls > 0) | all' "$out/host/default.json" "$out/host/unconfined.json")" = true
check "no guest column in a host-only run" test ! -e "$out/guest"

# The supervised run (root: rootful Podman): the same image on this kernel
# with a seccomp supervisor answering 548, crun's default profile kept.
if [ "$(id -u)" -eq 0 ]; then
  sup=$out/supervisor/default.json
  check "supervisor/default.json is a $(report_schema) report" is_report "$sup"
  check "supervised: this host's kernel ($(uname -r))" test "$(jq -r .kernel.release "$sup")" = "$(uname -r)"
  check "supervised: 548 implemented, verified, answered by the supervisor" \
    test "$(jq -r '.syscall | "\(.verdict) \(.verified) \(.answered_by) \(.proof)"' "$sup")" = \
    "implemented true seccomp-supervisor listener-in-chain"
  check "supervised: the kernel has no entry symbol" test "$(jq -r .syscall.kernel_has_symbol "$sup")" = false
  check "supervised: under a seccomp filter (crun's default profile kept)" \
    test "$(jq -r .confinement.seccomp.mode "$sup")" = 2
  check "summary: the supervised column's header" contains "$(printf '%s\n' "$stdout" | grep -m1 .)" "this host +"
  check "summary: the supervised default cell" \
    test "$(cell "$stdout" 'syscall 548, default' 'entry symbol' 'this host +')" = \
    "supervisor: implemented (verified)"
  check "no supervisor process left" test -z "$(pgrep -f syscall-probe-supervisor || true)"
  check "no Podman work folder or mount left" \
    test -z "$(awk 'index($2, "/sp-supervised.") { print $2 }' /proc/mounts; ls -d "${TMPDIR:-/tmp}"/sp-supervised.* 2>/dev/null)"
else
  check "not root: the supervised run is skipped, and said so" contains "$(cat "$out.stderr")" "supervisor: skipped"
fi

check "summary row: kernel $rel" contains "$(row "$stdout" 'kernel (uname -r)')" "$rel"
check "summary row: hostname $node" contains "$(row "$stdout" hostname)" "$node"
check "summary row: unconfined absent (ENOSYS)" contains "$(row "$stdout" 'syscall 548, unconfined')" "absent (ENOSYS)"
check "summary.txt is what was printed" contains "$stdout" "$(cat "$out/summary.txt")"
# Every line but the one that is just the --out path (as long as the path is).
w=$(max_width "$(printf '%s\n' "$stdout" | grep -vxF "  $out")")
check "stdout fits 80 columns (widest $w, the --out path aside)" test "$w" -le 80
check "stdout names the reports' directory" contains "$stdout" "  $out"
check "no colour when stdout is not a terminal" no_escapes "$stdout"
check "progress went to stderr with stage names" contains "$(cat "$out.stderr")" "this host: docker run"
check "no container left running from the image" test -z "$(docker ps -q --filter "ancestor=$IMAGE")"
finish
