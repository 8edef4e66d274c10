#!/usr/bin/env bash
# One runtime with a seccomp profile (docker, docker-current, podman,
# podman-current, podman-rootless, containerd): its two reports, from the runtimes_run
# fixture, checked against the runtime's own default profile
# (DIR/profiles/RUNTIME.json, from the file its package ships or the spec it
# generates; DIR/profiles/RUNTIME.source says which).
#   verdicts_test.sh OUT-DIR RUNTIME
. "$(dirname "$0")/lib.sh" "$@"

rt=${2:?usage: verdicts_test.sh OUT-DIR RUNTIME}
case $rt in
  docker|docker-current) want=docker who="Docker's default profile" ;;
  podman|podman-current|podman-rootless) want=podman who="Podman's default profile" ;;
  containerd) want=containerd who="containerd's default profile" ;;
  *) fail "no profile check for runtime '$rt'" ;;
esac
d=$(report "$rt" default)
u=$(report "$rt" unconfined)
profile=$OUT/profiles/$rt.json
[ -s "$profile" ] || fail "no $profile: scripts/runtimes could not save $rt's profile"
echo "profile: $(cat "$OUT/profiles/$rt.source")"
echo "column: $(r "$d" .label)"

for f in "$d" "$u"; do
  expect_eq "$(basename "$f") container.runtime" "$(r "$f" .container.runtime)" "$want"
  expect_eq "$(basename "$f") kernel release (shared with the host)" "$(r "$f" release)" "$(uname -r)"
  expect_eq "$(basename "$f") shared_kernel" "$(r "$f" shared_kernel)" true
done
expect_eq "default: seccomp" "$(r "$d" seccomp_mode_name)" filter
expect_eq "unconfined: seccomp" "$(r "$u" seccomp_mode_name)" disabled
validate_report "$d"
validate_report "$u"

# The profile resolved for this container (its bounding set, architecture,
# kernel) by the one resolver, numbered by libseccomp as runc and crun do.
py=$(oracle_python)
fsopen_nr=$(r "$d" 'row("fsopen") | nr')
"$py" "$SP_ROOT/tools/seccomp_oracle.py" "$profile" --arch "$(r "$d" machine)" \
  --numbers "$fsopen_nr" \
  --cap-mask "$(r "$d" caps_bounding_hex)" \
  --kernel "$(r "$d" 'release | split("-")[0]')" >"$TEST_TMP/oracle.json" \
  || fail "seccomp_oracle.py could not resolve $profile"
"$py" "$(dirname "$0")/check_verdicts.py" "$d" "$u" "$TEST_TMP/oracle.json" "$who" \
  || fail "verdicts under $rt's default profile disagree with the profile (lines marked BAD)"
pass "every verdict under $rt's default profile agrees with $profile"

# The probe asked the runtime's filter itself (docs/verdicts.md, Asking the
# filter): check_verdicts.py then accepts no `-or-` verdict.
expect_eq "default: filters asked" "$(r "$d" 'asked.status')" installed
# fsopen as uid 65534 (no CAP_SYS_ADMIN): the kernel's own may_mount() check
# answers EPERM, as a filter may. The probe's own filter tells them apart:
# where the profile denies fsopen it is never notified (the filter answered),
# where it allows it, it is (the kernel answered).
expect_eq "fsopen: precheck passed" "$(r "$d" 'row("fsopen") | precheck_passed')" false
case $(jq -r --arg nr "$fsopen_nr" '.verdicts[$nr].action' "$TEST_TMP/oracle.json") in
  deny) want_fsopen="blocked seccomp-filter own-filter-silent" ;;
  allow) want_fsopen="implemented kernel own-filter-notified" ;;
  *) fail "the oracle does not decide fsopen under $rt's profile" ;;
esac
expect_eq "fsopen: verdict, answerer, proof" \
  "$(r "$d" 'row("fsopen") | "\(verdict) \(answered_by) \(proof)"')" "$want_fsopen"

# Our syscall: nothing lets 548 through; the kernel here lacks it.
expect_eq "syscall_probe outcome" "$(r "$d" 'own | errno_name')" ENOSYS
expect_eq "syscall_probe verdict" "$(r "$d" 'own | verdict')" absent
