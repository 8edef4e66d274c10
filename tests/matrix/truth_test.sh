#!/usr/bin/env bash
# The expected truths, asserted on the reports of a real
# `scripts/matrix` run (matrix.run, CTest fixture `matrix_run`), unconfined.
#   truth_test.sh TRUTH MATRIX_OUT_DIR PROBE_BINARY
# A host that failed to boot is a failure here, not a skip: the matrix must work.
. "$(dirname "$0")/../lib.sh"

[ $# -eq 3 ] || usage_error "usage: truth_test.sh TRUTH MATRIX_OUT_DIR PROBE_BINARY"
truth=$1 out=$2 bin=$3
[ -f "$out/matrix.txt" ] || fail "$out/matrix.txt missing: matrix.run did not make a table"

# report LABEL: the unconfined report of that host, or fail with the host's reason.
report() {
  local f
  for f in "$out/$1-failed.json" "$out/$1-unconfined-failed.json"; do
    if [ -f "$f" ]; then
      fail "host $1 failed in the matrix run: $(jq -r .reason "$f")"
    fi
  done
  f=$out/$1-unconfined.json
  [ -f "$f" ] || fail "no $f (was $1 in the run's --kernels?)"
  [ "$(rj seccomp_mode_name "$f")" = disabled ] \
    || fail "$f is not an unconfined run"
  echo "$f"
}
# shellcheck disable=SC2016 # $names are jq's variables
verdict() { rj --arg n "$2" 'row($n) | verdict' "$1"; }
release() { rj release "$1"; }
# at_least RELEASE MAJOR.MINOR: the release's version is >= MAJOR.MINOR.
at_least() {
  local v=${1%%[!0-9.]*} want=$2
  [ "$(printf '%s\n%s\n' "$want" "$v" | sort -V | head -n1)" = "$want" ]
}
# unconfined reports of every host of the run (this machine included).
all_unconfined() { find "$out" -maxdepth 1 -name '*-unconfined.json' | sort; }

case $truth in
  cachestat-absent-5.10)
    f=$(report bullseye); [[ $(release "$f") == 5.10.* ]] || fail "bullseye runs $(release "$f")"
    expect_eq "cachestat on $(release "$f")" "$(verdict "$f" cachestat)" absent ;;
  cachestat-absent-6.1)
    f=$(report bookworm); [[ $(release "$f") == 6.1.* ]] || fail "bookworm runs $(release "$f")"
    expect_eq "cachestat on $(release "$f")" "$(verdict "$f" cachestat)" absent ;;
  cachestat-implemented-6.12)
    f=$(report trixie); [[ $(release "$f") == 6.12.* ]] || fail "trixie runs $(release "$f")"
    expect_eq "cachestat on $(release "$f")" "$(verdict "$f" cachestat)" implemented ;;
  cachestat-implemented-host)
    f=$(report this-host)
    expect_eq "the container's kernel is this machine's" "$(release "$f")" "$(uname -r)"
    at_least "$(uname -r)" 6.5 || skip_test "this machine's kernel $(uname -r) predates cachestat (6.5)"
    expect_eq "cachestat on $(release "$f")" "$(verdict "$f" cachestat)" implemented ;;
  nr335-by-kernel)
    # 335 is uretprobe since 6.11: from user space it always dies of SIGILL.
    n=0
    while IFS= read -r f; do
      r=$(release "$f")
      nr=$(rj 'row("uretprobe") | nr' "$f")
      expect_eq "uretprobe's number on $r" "$nr" 335
      if at_least "$r" 6.11; then
        expect_eq "number 335 on $r" "$(rj 'row("uretprobe")
          | "\(verdict) \(kind) \(signal_name)"' "$f")" "implemented signal SIGILL"
      else
        expect_eq "number 335 on $r" "$(verdict "$f" uretprobe)" absent
      fi
      n=$((n + 1))
    done < <(all_unconfined)
    [ "$n" -ge 4 ] || fail "only $n unconfined reports in $out" ;;
  own-nr335-host)
    # Our own attempt aimed at 335 (--nr 335): occupied, SIGILL, on this machine and in the image.
    at_least "$(uname -r)" 6.11 || skip_test "this machine's kernel $(uname -r) predates uretprobe (6.11)"
    got=$("$bin" --format json --nr 335 | rj '"\((own | verdict)) \((own | signal_name))"')
    expect_eq "probe --nr 335 on this machine" "$got" "occupied SIGILL"
    probe --security-opt seccomp=unconfined -- --format json --nr 335
    got=$(j '"\((own | verdict)) \((own | signal_name))"')
    expect_eq "image --nr 335, unconfined" "$got" "occupied SIGILL" ;;
  own-implemented-only-patched)
    patched=0
    while IFS= read -r f; do
      r=$(release "$f")
      if [[ $r == *"-syscall-probe"* ]]; then
        expect_eq "syscall 548 on $r (verified)" "$(rj 'own | "\(verdict) \(verified)"' "$f")" "implemented true"
        patched=$((patched + 1))
      else
        expect_eq "syscall 548 on $r" "$(rj 'own | verdict' "$f")" absent
      fi
    done < <(all_unconfined)
    [ "$patched" -ge 1 ] || fail "no patched kernel among the hosts of $out" ;;
  btf-agrees-with-kallsyms)
    # The default-profile runs read BTF and kallsyms both: BTF must never call
    # absent what kallsyms lists, on any kernel; Debian's kernels have BTF.
    n=0
    while IFS= read -r f; do
      r=$(release "$f")
      # Debian 11's 5.10 BTF has no function at all from kernel/events/core.c
      # (docs/verdicts.md, "Checked"): its one documented contradiction. BTF
      # never proves a call that old absent, so the verdict is kallsyms' even
      # under --kallsyms auto (which then reads kallsyms alone); these runs
      # use --kallsyms always, so the list names the hole.
      want='[]'
      case $r in 5.10.*) want='["__x64_sys_perf_event_open"]' ;; esac
      expect_eq "BTF contradictions on $r" "$(rj -c 'btf.contradicted' "$f")" "$want"
      expect_eq "kallsyms read on $r" "$(rj 'kallsyms.readable' "$f")" true
      case $r in
        *-syscall-probe*) ;;  # our tinyconfig kernels are built without BTF
        *) expect_eq "BTF readable on $r" "$(rj 'btf.readable' "$f")" true; n=$((n + 1)) ;;
      esac
    done < <(find "$out" -maxdepth 1 -name '*-default.json' | sort)
    [ "$n" -ge 4 ] || fail "only $n default reports with BTF in $out" ;;
  lockdown-6.12)
    # trixie boots with lockdown=integrity (scripts/matrix).
    f=$(report trixie)
    expect_eq "lockdown on $(release "$f")" "$(rj 'lsm.lockdown' "$f")" integrity
    expect_eq "its source" "$(rj 'lsm.lockdown_source' "$f")" /proc/cmdline
    expect_eq "modules from" "$(rj 'lsm.modules_source' "$f")" lsm_list_modules ;;
  apparmor-6.1)
    # The guest's Docker confines the container with docker-default.
    f=$(report bookworm)
    expect_eq "label on $(release "$f")" "$(rj 'lsm.label.text' "$f")" \
      "docker-default (enforce)"
    expect_eq "enforcing" "$(rj 'lsm.label.enforcing' "$f")" true ;;
  table)
    n=$(find "$out" -maxdepth 1 -name '*.json' | wc -l)
    expect_eq "columns in matrix.md" "$(head -n1 "$out/matrix.md" | awk -F'|' '{print NF - 5}')" "$n"
    grep -q '^<!DOCTYPE html>' "$out/matrix.html" || fail "matrix.html"
    if grep -qiE '<script[^>]|src=|https?:' "$out/matrix.html"; then echo "FAIL: matrix.html not self-contained" >&2; exit 1; fi
    grep -q '^\* syscall_probe (548)' "$out/matrix.txt" \
      || fail "our syscall's row is not marked as differing (patched vs stock)"
    echo "ok: $n reports, tables written" ;;
  *) usage_error "unknown truth '$truth'" ;;
esac
