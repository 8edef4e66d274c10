# shellcheck shell=bash
# What only tests/docker/*_test.sh share: the SIGSYS profile check. The rest
# (probe, probe_json, j, expect_eq, ...) is tests/lib.sh.
#   . "$(dirname "$0")/lib.sh"
# shellcheck source=../lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

# A number below the highest syscall our profiles name (faccessat2, 439) that
# they do not allow, and that x86_64 leaves unassigned: it meets the profile's
# default action. (548 cannot: runc's ENOSYS stub answers it first; see
# seccomp/README.md.)
PROFILE_NR=400

# check_sigsys_profile PROFILE.json SECCOMP_SIGNAL: under a project profile
# whose default action kills or traps, the probe survives and reports in full;
# its attempt at PROFILE_NR died of SIGSYS (SECCOMP_SIGNAL: whether the probe's
# handler saw si_code SYS_SECCOMP, i.e. a TRAP); catalogue syscalls the kernel
# has (kallsyms) and whose table implements them (not set_thread_area, whose
# x86_64 symbol serves only the ia32 table) that met the default action are
# `blocked`/`killed`; and
# without symbol evidence (--kallsyms never --btf never) the own attempt's
# verdict is `blocked`/`killed`. (With it, `absent`: the kernel here provably
# lacks syscall_probe.)
check_sigsys_profile() {
  local profile="$SP_ROOT/seccomp/$1" want_seccomp_signal=$2 n bad
  [ -f "$profile" ] || fail "no profile $profile"
  probe_json --security-opt "seccomp=$profile" -- --nr "$PROFILE_NR" --syscalls all
  pass "probe survived under $1 (exit 0, JSON report)"
  expect_eq "kernel release" "$(j release)" "$(uname -r)"
  expect_eq "seccomp mode" "$(j seccomp_mode_name)" filter
  expect_eq "nr attempted" "$(j 'own | nr')" "$PROFILE_NR"
  expect_eq "outcome" "$(j 'own | kind')/$(j 'own | signal_name')" signal/SIGSYS
  expect_eq "seccomp_signal" "$(j 'own | seccomp_signal')" "$want_seccomp_signal"
  [ "$(j 'own | verdict')" != implemented ] || fail "own syscall 'implemented' under $1"
  j 'own | explanation' | grep -qi seccomp || fail "explanation does not name seccomp: $(j 'own | explanation')"
  pass "own syscall: $(j 'own | verdict'): $(j 'own | explanation')"
  n=$(j '[rows | select(signal_name == "SIGSYS" and has_symbol == true
          and .expected != "ENOSYS (never implemented)")] | length')
  [ "$n" -gt 0 ] || fail "no catalogue syscall the kernel has met the default action (SIGSYS)"
  bad=$(j '[rows | select(signal_name == "SIGSYS" and has_symbol == true
            and .expected != "ENOSYS (never implemented)"
            and verdict != "blocked" and verdict != "killed") | "\(name)=\(verdict)"] | join(" ")')
  [ -z "$bad" ] || fail "catalogue syscalls killed by SIGSYS with a wrong verdict: $bad"
  pass "$n catalogue syscalls the kernel has met the default action: blocked/killed with SIGSYS"
  # A row the table never implements reads absent, whoever answered.
  bad=$(j '[rows | select(.expected == "ENOSYS (never implemented)" and verdict != "absent")
            | "\(name)=\(verdict)"] | join(" ")')
  [ -z "$bad" ] || fail "never-implemented rows not absent under $1: $bad"
  pass "rows the table never implements: absent"

  probe_json --security-opt "seccomp=$profile" -- --nr "$PROFILE_NR" --kallsyms never --btf never
  expect_eq "outcome (no symbol evidence)" "$(j 'own | kind')/$(j 'own | signal_name')" signal/SIGSYS
  case $(j 'own | verdict') in
    blocked|killed) pass "verdict $(j 'own | verdict'): $(j 'own | explanation')" ;;
    *) fail "verdict '$(j 'own | verdict')', want blocked or killed: $(j 'own | explanation')" ;;
  esac
}
