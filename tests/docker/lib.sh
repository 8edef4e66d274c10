# shellcheck shell=bash
# Shared by tests/docker/*_test.sh: real Docker, the real image.
#   . "$(dirname "$0")/lib.sh"
set -euo pipefail
# shellcheck source=../../scripts/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"

IMAGE=${SYSCALL_PROBE_IMAGE:-syscall-probe}
RUN_TIMEOUT=${SP_DOCKER_RUN_TIMEOUT:-120}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
pass() { echo "ok: $*"; }

# Skip only when no engine can run here; a missing image is a failure (the
# docker_build_image fixture builds it).
require_image() {
  command -v jq >/dev/null || skip_test "jq is not installed (scripts/deps installs it)"
  docker info >/dev/null 2>&1 || skip_test "no Docker engine answers (scripts/engine start)"
  docker image inspect "$IMAGE" >/dev/null 2>&1 \
    || fail "image $IMAGE is missing: run scripts/build-image (CTest: docker_build_image)"
}

# probe DOCKER-OPTS... -- PROBE-ARGS...: one `docker run --rm --network none`
# of the image. Stdout to $WORK/out, stderr to $WORK/err, exit code in $rc.
rc=0
probe() {
  local opts=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  rc=0
  timeout "$RUN_TIMEOUT" docker run --rm --network none "${opts[@]}" "$IMAGE" "$@" \
    >"$WORK/out" 2>"$WORK/err" || rc=$?
  [ "$rc" -ne 124 ] || fail "docker run timed out after ${RUN_TIMEOUT}s: ${opts[*]} -- $*"
}

# probe_json DOCKER-OPTS... [-- PROBE-ARGS...]: like probe with --format json;
# fails unless it exits 0 with JSON on stdout (left in $WORK/out).
probe_json() {
  local opts=() args=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
  [ $# -gt 0 ] && { shift; args=("$@"); }
  probe "${opts[@]}" -- --format json "${args[@]}"
  [ "$rc" -eq 0 ] || fail "probe exited $rc (${opts[*]} -- ${args[*]}); stderr: $(head -c 2000 "$WORK/err")"
  jq -e . "$WORK/out" >/dev/null || fail "stdout is not JSON: $(head -c 500 "$WORK/out")"
}

# j FILTER: jq -r FILTER on the last JSON report.
j() { jq -r "$1" "$WORK/out"; }

# expect_eq WHAT ACTUAL EXPECTED
expect_eq() { [ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"; pass "$1 = $2"; }

# A number below the highest syscall our profiles name (faccessat2, 439) that
# they do not allow, and that x86_64 leaves unassigned: it meets the profile's
# default action. (548 cannot: runc's ENOSYS stub answers it first; see
# seccomp/README.md.)
PROFILE_NR=400

# check_sigsys_profile PROFILE.json SECCOMP_SIGNAL: under a project profile
# whose default action kills or traps, the probe survives and reports in full;
# its attempt at PROFILE_NR died of SIGSYS (SECCOMP_SIGNAL: whether the probe's
# handler saw si_code SYS_SECCOMP, i.e. a TRAP); catalogue syscalls the kernel
# has (kallsyms) that met the default action are `blocked`/`killed`; and
# without symbol evidence (--kallsyms never --btf never) the own attempt's
# verdict is `blocked`/`killed`. (With it, `absent`: the kernel here provably
# lacks syscall_probe.)
check_sigsys_profile() {
  local profile="$SP_ROOT/seccomp/$1" want_seccomp_signal=$2 n bad
  [ -f "$profile" ] || fail "no profile $profile"
  probe_json --security-opt "seccomp=$profile" -- --nr "$PROFILE_NR" --syscalls all
  pass "probe survived under $1 (exit 0, JSON report)"
  expect_eq "kernel release" "$(j .kernel.release)" "$(uname -r)"
  expect_eq "seccomp mode" "$(j .confinement.seccomp.mode_name)" filter
  expect_eq "nr attempted" "$(j .syscall.nr)" "$PROFILE_NR"
  expect_eq "outcome" "$(j .syscall.outcome.kind)/$(j .syscall.outcome.signal_name)" signal/SIGSYS
  expect_eq "seccomp_signal" "$(j .syscall.outcome.seccomp_signal)" "$want_seccomp_signal"
  [ "$(j .syscall.verdict)" != implemented ] || fail "own syscall 'implemented' under $1"
  j .syscall.explanation | grep -qi seccomp || fail "explanation does not name seccomp: $(j .syscall.explanation)"
  pass "own syscall: $(j .syscall.verdict): $(j .syscall.explanation)"
  n=$(j '[.catalogue[] | select(.outcome.signal_name == "SIGSYS" and .kernel_has_symbol == true)] | length')
  [ "$n" -gt 0 ] || fail "no catalogue syscall the kernel has met the default action (SIGSYS)"
  bad=$(j '[.catalogue[] | select(.outcome.signal_name == "SIGSYS" and .kernel_has_symbol == true
            and .verdict != "blocked" and .verdict != "killed") | "\(.name)=\(.verdict)"] | join(" ")')
  [ -z "$bad" ] || fail "catalogue syscalls killed by SIGSYS with a wrong verdict: $bad"
  pass "$n catalogue syscalls the kernel has met the default action: blocked/killed with SIGSYS"

  probe_json --security-opt "seccomp=$profile" -- --nr "$PROFILE_NR" --kallsyms never --btf never
  expect_eq "outcome (no symbol evidence)" "$(j .syscall.outcome.kind)/$(j .syscall.outcome.signal_name)" signal/SIGSYS
  case $(j .syscall.verdict) in
    blocked|killed) pass "verdict $(j .syscall.verdict): $(j .syscall.explanation)" ;;
    *) fail "verdict '$(j .syscall.verdict)', want blocked or killed: $(j .syscall.explanation)" ;;
  esac
}

# validate_report FILE: FILE validates against docs/report.schema.json.
validate_report() {
  validate_reports "$1" || fail "report does not validate against docs/report.schema.json"
  pass "report validates against docs/report.schema.json"
}
