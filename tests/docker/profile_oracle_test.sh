#!/usr/bin/env bash
# The seccomp profiles themselves are the oracle: the census
# (--syscalls all) under each profile this Docker can load must report
# `blocked` for exactly the calls the profile denies and the kernel has, and
# never for a call it allows. The profile is resolved to numbers for this
# architecture, the container's capabilities and this kernel by
# tools/seccomp_oracle.py (libseccomp numbers the names, as runc does);
# "the kernel has it" is the same census with seccomp=unconfined;
# tests/lib/oracle_check.py compares, naming every documented exception.
# Profiles: Docker's default for this engine (built in, and Debian's
# default.json loaded as a file), Podman's seccomp.json, containerd's default
# (derived from its Go source by tools/containerd_profile.py), the project's
# kill.json and trap.json; Docker's and Podman's also with --cap-add SYS_ADMIN.
# The image runs as uid 65534, so that capability lands in the bounding set
# only: the profiles (which Docker and Podman resolve against the bounding
# set) allow fsopen and friends, and the kernel, which checks the effective
# set, still answers EPERM -- `blocked-or-denied`, never `blocked`. No run
# here is root with CAP_SYS_ADMIN: as the census grows, that stays inside a
# QEMU guest; probe/test/seccomp_kernel_test.cc covers the caller
# that holds the capability, with real filters and one call.
. "$(dirname "$0")/lib.sh"
require_image

py=$(oracle_python)
ORACLE="$SP_ROOT/tools/seccomp_oracle.py"
CHECK="$SP_ROOT/tests/lib/oracle_check.py"

docker_default=$("$SP_ROOT/tools/debian-profile" docker) \
  || fail "cannot get Docker's default.json from Debian (tools/debian-profile docker)"
podman=$("$SP_ROOT/tools/debian-profile" podman) \
  || fail "cannot get Podman's seccomp.json from Debian (tools/debian-profile podman)"
containerd_go=$("$SP_ROOT/tools/debian-profile" containerd) \
  || fail "cannot get containerd's seccomp_default.go from Debian (tools/debian-profile containerd)"
containerd="$TEST_TMP/containerd-default.json"
"$py" "$SP_ROOT/tools/containerd_profile.py" "$containerd_go" --arch "$(uname -m)" >"$containerd" \
  || fail "cannot derive containerd's profile from $containerd_go"

# census NAME DOCKER-OPTS...: the JSON census, kept as $TEST_TMP/NAME.json.
census() {
  local name=$1
  shift
  probe_json "$@" -- --syscalls all
  cp "$TEST_TMP/out" "$TEST_TMP/$name.json"
}

# against NAME PROFILE BASELINE DOCKER-OPTS...: the census under DOCKER-OPTS,
# checked against the oracle of PROFILE for that container's capabilities.
disagreements=0
against() {
  local name=$1 profile=$2 baseline=$3
  shift 3
  census "$name" "$@"
  local arch caps kernel
  arch=$(rj machine "$TEST_TMP/$name.json")
  caps=$(rj caps_bounding_hex "$TEST_TMP/$name.json")
  kernel=$(rj 'release | split("-")[0]' "$TEST_TMP/$name.json")
  [ "$(rj seccomp_mode_name "$TEST_TMP/$name.json")" = filter ] \
    || fail "$name: no seccomp filter in the container"
  # Every profile here lets the probe ask the filters themselves: no verdict
  # may rest on inference (oracle_check is strict then).
  [ "$(rj 'asked.status' "$TEST_TMP/$name.json")" = installed ] \
    || fail "$name: the probe could not ask the filters: $(rj -c asked "$TEST_TMP/$name.json")"
  "$py" "$ORACLE" "$profile" --arch "$arch" --cap-mask "$caps" --kernel "$kernel" \
    >"$TEST_TMP/$name.oracle.json" || fail "$name: the oracle could not resolve $profile"
  if "$py" "$CHECK" --label "$name" "$TEST_TMP/$baseline.json" "$TEST_TMP/$name.json" \
    "$TEST_TMP/$name.oracle.json"; then
    pass "$name: the census agrees with $(basename "$profile")"
  else
    disagreements=$((disagreements + 1))
    echo "FAIL: $name: the census disagrees with $(basename "$profile") (above)" >&2
  fi
}

census unconfined --security-opt seccomp=unconfined
census unconfined_admin --security-opt seccomp=unconfined --cap-add SYS_ADMIN
n=$(rj calls "$TEST_TMP/unconfined.json")
[ "$n" -gt 0 ] || fail "the unconfined census has no rows"
pass "baseline: $n calls unconfined: $(rj summary_text "$TEST_TMP/unconfined.json")"
validate_report "$TEST_TMP/unconfined.json"

against docker_builtin "$docker_default" unconfined
against docker_default_json "$docker_default" unconfined --security-opt "seccomp=$docker_default"
against docker_default_admin "$docker_default" unconfined_admin \
  --security-opt "seccomp=$docker_default" --cap-add SYS_ADMIN
against podman "$podman" unconfined --security-opt "seccomp=$podman"
against podman_admin "$podman" unconfined_admin --security-opt "seccomp=$podman" --cap-add SYS_ADMIN
against containerd "$containerd" unconfined --security-opt "seccomp=$containerd"
against containerd_admin "$containerd" unconfined_admin --security-opt "seccomp=$containerd" \
  --cap-add SYS_ADMIN
against kill "$SP_ROOT/seccomp/kill.json" unconfined --security-opt "seccomp=$SP_ROOT/seccomp/kill.json"
against trap "$SP_ROOT/seccomp/trap.json" unconfined --security-opt "seccomp=$SP_ROOT/seccomp/trap.json"
validate_report "$TEST_TMP/podman.json"

# Podman's profile allows fsopen and friends, the container lacks
# cap_sys_admin, the kernel says EPERM: never `blocked`.
bad=$(rj '[rows | select(name == "fsopen" or name == "fsmount" or name == "fspick"
        or name == "move_mount" or name == "landlock_restrict_self")
        | select(verdict == "blocked") | name] | join(" ")' "$TEST_TMP/podman.json")
[ -z "$bad" ] || fail "podman profile allows them, yet blocked: $bad"
pass "podman: fsopen fsmount fspick move_mount landlock_restrict_self not 'blocked'"
expect_eq "podman: landlock_restrict_self made with no_new_privs in the child" \
  "$(rj 'row("landlock_restrict_self")
      | "\(.precheck.child_no_new_privs)/\(verdict)"' "$TEST_TMP/podman.json")" true/implemented

[ "$disagreements" -eq 0 ] || fail "$disagreements profile(s) disagree with the census"
