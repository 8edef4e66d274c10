#!/usr/bin/env bash
# The arm64 probe under qemu-aarch64-static on this x86_64 host, as uid 65534,
# with qemu's own log of the numbers it does not emulate (`-d unimp`:
# "Unsupported syscall: N", linux-user/syscall.c) as the oracle. Every number
# qemu logs must read as the emulator's refusal: `absent`, qemu-user named,
# the x86_64 kernel's symbol asked and its answer given; no other row may
# read `absent`, `absent-or-blocked` (the host's tables answer here) or
# `occupied`. Prints the rows of any contradiction.
. "$(dirname "$0")/lib.sh"
require_arm64_tools
[ -x "$ARM64_BIN" ] || fail "no $ARM64_BIN: run scripts/build-arm64 (CTest: arm64_unit)"
[ "$(uname -m)" = x86_64 ] || skip_test "qemu-user here only stands in for another arch on x86_64 (this is $(uname -m))"
command -v setpriv >/dev/null || skip_test "no setpriv (util-linux) to run the census unprivileged"

# Numbers qemu refuses with ENOSYS without a log line: set_robust_list and
# get_robust_list ("Silently return ENOSYS so that guest userspace falls back
# to a non-robust futex implementation", linux-user/syscall.c). They must
# read absent all the same: the emulator lacks them, the kernel has them.
silent='["set_robust_list", "get_robust_list"]'

dir=$(nobody_dir)
cp "$ARM64_BIN" "$dir/syscall-probe"
as_nobody "$TEST_TMP/out" "$TEST_TMP/err" \
  qemu-aarch64-static -d unimp -D "$dir/qemu.log" "$dir/syscall-probe" --format json --syscalls all \
  || fail "arm64 probe under qemu-aarch64-static failed: $(head -c 2000 "$TEST_TMP/err")"
validate_report "$TEST_TMP/out"
expect_qemu_user "qemu-aarch64-static -d unimp"
[ -s "$dir/qemu.log" ] || fail "qemu wrote no log to $dir/qemu.log (-d unimp)"
logged=$(sed -n 's/^Unsupported syscall: \([0-9][0-9]*\)$/\1/p' "$dir/qemu.log" | sort -un | jq -cs .)
[ "$logged" != "[]" ] || fail "qemu logged no unsupported syscall: $(head -c 1000 "$dir/qemu.log")"
pass "qemu logged $(jq length <<<"$logged") unsupported numbers"
[ "$(j 'kallsyms.readable or btf.readable')" = true ] \
  || fail "neither kallsyms nor BTF was readable as uid 65534: $(j 'kallsyms.error, btf.error')"

# One line per contradiction: the row, its verdict and its sentence.
# shellcheck disable=SC2016 # $names are jq's variables
contradictions=$(rj --argjson logged "$logged" --argjson silent "$silent" '
  def refused: . as $r | ($logged | index($r.nr)) != null or ($silent | index($r.name)) != null;
  def line(why): "\(name) (nr \(nr), \(errno_name // kind), \(symbol) has=\(has_symbol)): \(verdict): \(why): \(explanation)";
  attempts
  | if refused then
      if verdict != "absent" then line("qemu refused it, the verdict is not absent")
      elif (explanation | contains("qemu-user") | not) then line("absent without naming qemu-user")
      elif has_symbol == null then line("the host kernel'"'"'s symbol was not answered")
      elif (.symbol | startswith("__x64_sys_") | not) then line("not the x86_64 host'"'"'s symbol")
      else empty end
    elif .verdict == "absent" or .verdict == "absent-or-blocked" or .verdict == "occupied" then
      line("qemu logged no refusal")
    else empty end' "$TEST_TMP/out")
[ -z "$contradictions" ] || fail "verdicts against qemu's log:"$'\n'"$contradictions"

# The figures: how the refusals split (the emulator lacks it while the host
# has it, or neither has it), and the verdicts.
# shellcheck disable=SC2016 # $names are jq's variables
pass "every refused number reads absent naming qemu-user: $(rj --argjson logged "$logged" '
  [own, rows | nr as $n | select($logged | index($n) != null)]
  | "\(map(select(has_symbol == true)) | length) the x86_64 kernel has, \(map(select(has_symbol == false)) | length) it lacks too"' "$TEST_TMP/out")"
pass "no other row reads absent or occupied: $(j '[rows.verdict] | group_by(.) | map("\(.[0])=\(length)") | join(" ")')"
# shellcheck disable=SC2016 # $names are jq's variables
unmatched=$(rj --argjson logged "$logged" '[(own | nr), rows.nr] as $rows
  | $logged - $rows | map(tostring) | join(" ")' "$TEST_TMP/out")
[ -z "$unmatched" ] || pass "logged numbers no row made (the probe's own start-up): $unmatched"
