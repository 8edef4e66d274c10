#!/usr/bin/env bash
# A real arm64 kernel answers: QEMU's virt machine under TCG with an arm64
# Debian root and Docker inside, running the arm64 image (the multi-arch name's
# linux/arm64 image) natively. The guests were booted once, by the arm64
# matrix run (tests/arm64/matrix_run.sh, fixture arm64_matrix); this test reads
# its reports and boots nothing.
#   stock    Debian bookworm's cloud-arm64 kernel (scripts/internal/stock-kernel --arch arm64):
#            no emulation, our syscall absent; the catalogue's arm64 numbers and
#            __arm64_sys_ symbols against that kernel: every call of 6.1 or older
#            listed by kallsyms and BTF alike, nothing newer; memfd_secret
#            (secretmem off before 6.5) absent, configured out, in both runs
#   patched  the 6.1 kernel with our syscall, cross-built (scripts/build-kernel --arch
#            arm64): implemented (verified) unconfined, with the kernel log line
#            carrying the token; blocked under Docker's profile, from kallsyms
#   qemu_arm64_test.sh stock|patched MATRIX_OUT
. "$(dirname "$0")/lib.sh"
[ $# -eq 2 ] || usage_error "usage: qemu_arm64_test.sh stock|patched MATRIX_OUT"
CASE=$1 matrix=$2
case $CASE in
  stock) kernel=bookworm-arm64 ;;
  patched) kernel=patched-6.1-arm64 ;;
  *) usage_error "qemu_arm64_test.sh: unknown case '$CASE' (stock or patched)" ;;
esac
[ ! -e "$matrix/$kernel-failed.json" ] || fail "$kernel failed in the matrix run: $(jq -r .reason "$matrix/$kernel-failed.json")"
out=$TEST_TMP/$CASE
mkdir -p "$out"
for run in unconfined default; do
  [ -s "$matrix/$kernel-$run.json" ] || fail "no $matrix/$kernel-$run.json: the arm64 matrix run (arm64_matrix_run) made none"
  cp "$matrix/$kernel-$run.json" "$out/$run.json"
done
cp "$matrix/logs/$kernel-kernel-log.txt" "$out/kernel-log.txt" 2>/dev/null || : >"$out/kernel-log.txt"
validate_reports "$out/unconfined.json" "$out/default.json" || fail "a report does not match the schema"
pass "reports of $kernel from $matrix"

for run in unconfined default; do
  cp "$out/$run.json" "$TEST_TMP/out"
  expect_eq "$run: machine" "$(j machine)" aarch64
  expect_eq "$run: emulated" "$(j emulated)" false
  expect_eq "$run: symbol" "$(j 'own | symbol')" __arm64_sys_syscall_probe
done
ju() { rj "$1" "$out/unconfined.json"; }
jd() { rj "$1" "$out/default.json"; }
# A row without "since" predates 5.0 (the whole table).
# shellcheck disable=SC2016 # $s is jq's variable
since_61='((.since // "") as $s | if $s == "" then 0 else ($s | split(".") | map(tonumber) | .[0] * 100 + .[1]) end) <= 601'

case $CASE in
  stock)
    case $(ju release) in *-cloud-arm64) pass "guest kernel $(ju release)" ;;
      *) fail "guest release '$(ju release)' is not Debian's cloud-arm64 kernel" ;; esac
    expect_eq "unconfined verdict" "$(ju 'own | verdict')" absent
    expect_eq "default verdict" "$(jd 'own | verdict')" absent
    # The kernel's own tables (--kallsyms always: BTF and kallsyms both read,
    # agreeing) against the catalogue's arm64 numbers and since.
    expect_eq "BTF contradicted" "$(jd 'btf.contradicted | length')" 0
    # Calls older than 5.0 that this kernel's own tables lack (configured out
    # in Debian's cloud config, or sys_ni_syscall on arm64: nfsservctl,
    # kexec_file_load, pkey_*...) must read absent unconfined too.
    out_of_config=$(rj -c '[rows | select((since // "") == "" and has_symbol == false) | name]' "$out/default.json")
    not_absent=$(ju "[rows | select(name as \$n | $out_of_config | index(\$n)) | select(verdict != \"absent\") | \"\(.name)=\(.verdict)\"] | join(\" \")")
    [ -z "$not_absent" ] || fail "calls the arm64 6.1 tables lack, not absent unconfined: $not_absent"
    pass "configured out or never implemented on this kernel, absent: $(jq -nr "$out_of_config | join(\" \")")"
    unlisted=$(jd "[rows | select($since_61) | select(has_symbol != true) | select(name as \$n | $out_of_config | index(\$n) | not) | name] | join(\" \")")
    [ -z "$unlisted" ] || fail "arm64 6.1 lacks the entry symbol of: $unlisted"
    extra=$(jd "[rows | select(($since_61) | not) | select(has_symbol != false) | name] | join(\" \")")
    [ -z "$extra" ] || fail "arm64 6.1 lists calls newer than 6.1: $extra"
    pass "every __arm64_sys_ symbol of 6.1 and older listed, none newer ($(jd calls) entries)"
    # Unconfined, the numbers reach those calls: all of 6.1 and older answer as
    # a kernel with them does, but memfd_secret (secretmem off before 6.5).
    wrong=$(ju "[rows | select($since_61) | select(verdict != \"implemented\" and .name != \"memfd_secret\") | select(.name as \$n | $out_of_config | index(\$n) | not) | \"\(.name)=\(.verdict)\"] | join(\" \")")
    [ -z "$wrong" ] || fail "calls of 6.1 not implemented at their arm64 numbers: $wrong"
    pass "every catalogue call of 6.1 and older implemented at its arm64 number"
    # secretmem is off before 6.5 (secretmem.enable) while the symbol is there:
    # the kernel answers ENOSYS itself, so absent, configured out, both ways.
    for run in unconfined default; do
      expect_eq "memfd_secret $run" "$(rj 'row("memfd_secret") | "\(verdict) \(precheck_passed)"' "$out/$run.json")" "absent false"
      rj 'row("memfd_secret") | explanation' "$out/$run.json" | grep -q 'configured out' \
        || fail "memfd_secret $run: the explanation does not say configured out"
    done ;;
  patched)
    marker=$(sp_header RELEASE_MARKER)
    case $(ju release) in *"$marker") pass "guest kernel $(ju release)" ;;
      *) fail "guest release '$(ju release)' lacks $marker" ;; esac
    expect_eq "unconfined verdict" "$(ju 'own | verdict')" implemented
    expect_eq "unconfined verified" "$(ju 'own | verified')" true
    token=$(ju 'own | token')
    grep -F "$(sp_header LOG_PREFIX)" "$out/kernel-log.txt" | grep -qw -- "$token" \
      || fail "kernel-log.txt has no syscall-probe line with token $token: $(cat "$out/kernel-log.txt")"
    pass "kernel log: $(grep -F -m1 "$token" "$out/kernel-log.txt")"
    expect_eq "default verdict" "$(jd 'own | verdict')" blocked
    expect_eq "default kernel_has_symbol" "$(jd 'own | has_symbol')" true ;;
esac
