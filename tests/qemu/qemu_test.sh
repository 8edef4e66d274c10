#!/usr/bin/env bash
# End-to-end tests of the guest: real kernels booted in QEMU, Docker Engine
# inside, the real syscall-probe image loaded from this machine's engine.
. "$(dirname "$0")/../lib.sh"
. "$SP_ROOT/scripts/lib/kernel.sh"
. "$SP_ROOT/scripts/lib/guest.sh"

usage() {
  cat <<USAGE
usage: $(basename "$0") CASE OUTDIR

CASE: patched  the patched 6.1 kernel (scripts/build-kernel) in QEMU, booted
               twice: the guest root as built (--fresh-root: docker load), then
               the root that run kept (the image already in the store); each: unconfined
               'implemented', value verified, kernel log line with the token;
               default profile 'blocked' with kallsyms evidence (no BTF); then the same
               image (same image ID) on this machine's kernel: 'absent' unconfined
      stock    Debian bookworm's stock cloud kernel (scripts/internal/stock-kernel): the
               same image says 'absent' unconfined, and under the default
               profile too, from kallsyms evidence (no symbol), BTF agreeing
      census   Debian trixie's stock kernel (6.12): the whole census as root
               without seccomp, directly and --privileged (run-guest --mode
               census); the snapshots of what a call could change agree before
               and after, every row gets a kernel's answer (census_check.py)
      usage    run-guest and stock-kernel refuse bad input with exit 2 and one line
OUTDIR: where run-guest writes (a build directory)
Exit codes: 0 pass, 1 fail, 77 skip (no QEMU or no Docker engine).
USAGE
}
[ $# -ge 1 ] || usage_error "missing CASE"
case $1 in -h|--help) usage; exit 0 ;; esac
CASE=$1
OUTDIR=${2:-$SP_ROOT/build/qemu-test}
MARKER=$(sp_header RELEASE_MARKER)
LOG_PREFIX=$(sp_header LOG_PREFIX)


need_qemu() {
  command -v qemu-system-x86_64 >/dev/null || [ "$(id -u)" -eq 0 ] \
    || skip_test "no qemu-system-x86_64 and not root to install it"
}
need_image() {
  command -v docker >/dev/null || skip_test "no docker client"
  docker info >/dev/null 2>&1 || skip_test "no Docker engine answers (scripts/engine start)"
  image_ensure "$IMAGE"
}

# boot SPEC [RUN-GUEST-OPTS...]: kernel_for SPEC, then guest_boot the image
# into $OUTDIR/$CASE.
boot() {
  kernel_for "$1" || fail "no kernel for $1"
  shift
  out=$OUTDIR/$CASE
  rm -rf "$out" && mkdir -p "$out"
  guest_boot "$KERNEL" "$INITRD" "$IMAGE" "$out" "qemu-test-$CASE" --timeout 900 "$@" \
    || { tail -n 30 "$out/console.log" 2>/dev/null >&2; fail "scripts/run-guest failed"; }
  # IMAGE_ID is the image saved (image_tar): the tag may move meanwhile
  # (another build), the ID cannot.
  expect_eq "image ID in the guest" "$(cat "$out/guest/image-id" 2>/dev/null)" "$IMAGE_ID"
  echo "ok: run-guest ($(cat "$out/accel")) wrote $(find "$out" -maxdepth 1 -type f -printf '%f ')"
  validate_report "$out/unconfined.json"
  validate_report "$out/default.json"
}
ju() { rj "$1" "$out/unconfined.json"; }
jd() { rj "$1" "$out/default.json"; }

# check_patched: the verdicts of a boot of the patched kernel (boot patched-6.1).
check_patched() {
  local host release token
  release=$(ju release)
  case $release in *"$MARKER") echo "ok: guest kernel $release" ;; *) fail "guest release '$release' lacks $MARKER" ;; esac
  expect_eq "unconfined seccomp" "$(ju seccomp_mode_name)" disabled
  expect_eq "unconfined verdict" "$(ju 'own | verdict')" implemented
  expect_eq "unconfined verified" "$(ju 'own | verified')" true
  expect_eq "unconfined value" "$(ju 'own | returned')" "$(ju 'own.expected_value')"
  token=$(ju 'own | token')
  grep -qF "${LOG_PREFIX}" "$out/kernel-log.txt" || fail "no '$LOG_PREFIX' line in kernel-log.txt"
  grep -F "${LOG_PREFIX}" "$out/kernel-log.txt" | grep -qw -- "$token" \
    || fail "kernel-log.txt has no line with token $token: $(cat "$out/kernel-log.txt")"
  echo "ok: kernel log: $(grep -F -m1 "$token" "$out/kernel-log.txt")"
  expect_eq "default seccomp" "$(jd seccomp_mode_name)" filter
  expect_eq "default verdict" "$(jd 'own | verdict')" blocked
  expect_eq "default kernel_has_symbol" "$(jd 'own | has_symbol')" true
  expect_eq "default evidence" "$(jd 'own | evidence')" kallsyms
  # Our guest kernels are built without BTF: the probe says so and reads kallsyms.
  expect_eq "default BTF error" "$(jd 'btf.error')" "no /sys/kernel/btf/vmlinux (kernel built without BTF)"
  expect_eq "default release" "$(jd release)" "$release"
  # The same image (by the ID saved) on this machine's own kernel: the
  # kernel itself says ENOSYS.
  host=$(image_run "$IMAGE_ID" --security-opt seccomp=unconfined -- --format json --label "this-host unconfined")
  expect_eq "host release is not the guest's" "$([ "$(rj release <<<"$host")" != "$release" ] && echo yes)" yes
  expect_eq "host unconfined verdict" "$(rj 'own | verdict' <<<"$host")" absent
  expect_eq "host unconfined errno" "$(rj 'own | errno_name' <<<"$host")" ENOSYS
}

case $CASE in
  patched)
    need_qemu
    need_image
    # First the guest root as built (docker load), then the root that run
    # kept from it (the image already in Docker's store): same verdicts.
    boot patched-6.1 --fresh-root
    expect_eq "image source (--fresh-root)" "$(cat "$out/guest/image-source" 2>/dev/null)" loaded
    check_patched
    boot patched-6.1
    expect_eq "image source (kept root)" "$(cat "$out/guest/image-source" 2>/dev/null)" cached
    check_patched
    ;;
  stock)
    need_qemu
    need_image
    boot bookworm
    case $(ju release) in *-cloud-amd64) echo "ok: guest kernel $(ju release)" ;;
      *) fail "guest release '$(ju release)' is not Debian's cloud kernel" ;; esac
    expect_eq "unconfined verdict" "$(ju 'own | verdict')" absent
    expect_eq "unconfined errno" "$(ju 'own | errno_name')" ENOSYS
    # Under Docker's profile ENOSYS could be the filter's; the kernel's symbol
    # tables settle it. The guest runs with --kallsyms always: Debian's BTF and
    # kallsyms are both read and must agree.
    expect_eq "default kernel_has_symbol" "$(jd 'own | has_symbol')" false
    expect_eq "default verdict" "$(jd 'own | verdict')" absent
    expect_eq "default BTF readable" "$(jd 'btf.readable')" true
    expect_eq "default BTF contradictions" "$(jd 'btf.contradicted | length')" 0
    [ ! -s "$out/kernel-log.txt" ] || fail "a stock kernel logged: $(cat "$out/kernel-log.txt")"
    echo "ok: no syscall-probe line in the stock kernel's log"
    # AppArmor: the guest's Docker confines both runs with docker-default
    # (the guest root has apparmor's parser), and a refusal the kernel gave
    # names it (docs/verdicts.md "Security modules and lockdown").
    for run in ju jd; do
      expect_eq "$run AppArmor label" "$($run lsm.label.text)" "docker-default (enforce)"
      expect_eq "$run label enforcing" "$($run lsm.label.enforcing)" true
      expect_eq "$run label module" "$($run lsm.label.module)" apparmor
    done
    named=$(ju '[rows | select(explanation | contains("the AppArmor profile docker-default (enforce) may have given this answer instead"))] | length')
    [ "$named" -gt 0 ] || fail "no refusal of the unconfined run names AppArmor"
    echo "ok: $named refusals of the unconfined run name AppArmor's docker-default"
    ;;
  census)
    # The census as root is proven harmless only in a guest: never on this
    # machine (docs/catalogue.md, "How the rows were verified").
    need_qemu
    need_image
    kernel_for trixie || fail "no kernel for trixie"
    out=$OUTDIR/$CASE
    rm -rf "$out" && mkdir -p "$out"
    # lockdown=integrity: kexec_load, whose privilege check root passes, is
    # refused by lockdown before its flags (probe/src/catalogue_lockdown.h).
    guest_boot "$KERNEL" "$INITRD" "$IMAGE" "$out" "qemu-test-census" --mode census --timeout 1200 \
      --append lockdown=integrity \
      || { tail -n 30 "$out/console.log" 2>/dev/null >&2; fail "scripts/run-guest --mode census failed"; }
    for name in host privileged; do
      validate_report "$out/guest/census-$name.json"
      expect_eq "census $name: seccomp" "$(rj seccomp_mode_name "$out/guest/census-$name.json")" disabled
      expect_eq "census $name: probe exit" "$(cat "$out/guest/census-$name.rc")" 0
    done
    # Root with every capability, in the initial user namespace: the rows'
    # privilege checks pass, so only their arguments stand between the call
    # and its effect.
    for name in host privileged; do
      expect_eq "census $name: effective capabilities" \
        "$(rj caps_effective_hex "$out/guest/census-$name.json")" \
        "$(rj caps_bounding_hex "$out/guest/census-$name.json")"
      expect_eq "census $name: initial user namespace" \
        "$(rj uid_map "$out/guest/census-$name.json")" "0 0 4294967295"
    done
    for name in host privileged; do
      f=$out/guest/census-$name.json
      expect_eq "census $name: lockdown" "$(rj 'lsm.lockdown' "$f")" integrity
      rj -e 'lsm.modules | index("lockdown")' "$f" >/dev/null \
        || fail "census $name: lockdown is not among the modules: $(rj -c lsm "$f")"
      expect_eq "census $name: kexec_load" \
        "$(rj 'row("kexec_load") | errno_name' "$f")" EPERM
      rj -e 'row("kexec_load") | explanation
        | contains("kernel lockdown (integrity), which refuses kexec_load before its arguments")' \
        "$f" >/dev/null || fail "census $name: kexec_load does not name lockdown: $(rj \
        'row("kexec_load") | explanation' "$f")"
    done
    echo "ok: lockdown (integrity) shown, and named for kexec_load's EPERM"
    py=$(sp_python) || py=python3
    "$py" "$SP_ROOT/tests/qemu/census_check.py" "$out" || fail "the census changed the guest (see above)"
    ;;
  usage)
    rg=$SP_ROOT/scripts/run-guest
    check_refusal() { # WHAT WANT-IN-MESSAGE CMD...
      local what=$1 want=$2 rc=0 msg
      shift 2
      msg=$("$@" 2>&1 >/dev/null) || rc=$?
      expect_eq "$what: exit code" "$rc" 2
      expect_eq "$what: one line" "$(wc -l <<<"$msg")" 1
      case $msg in *"$want"*) echo "ok: $what: $msg" ;; *) fail "$what: message '$msg' lacks '$want'" ;; esac
    }
    tmp=$TEST_TMP
    : >"$tmp/kernel"
    check_refusal "no --kernel" "--kernel" "$rg" --images x --out "$tmp/o"
    check_refusal "missing kernel file" "no such file" "$rg" --kernel "$tmp/none" --images x --out "$tmp/o"
    check_refusal "no --images" "--images" "$rg" --kernel "$tmp/kernel" --out "$tmp/o"
    check_refusal "bad accel" "--accel" "$rg" --kernel "$tmp/kernel" --images "$tmp/kernel" --out "$tmp/o" --accel xen
    check_refusal "bad timeout" "--timeout" "$rg" --kernel "$tmp/kernel" --images "$tmp/kernel" --out "$tmp/o" --timeout soon
    check_refusal "unknown option" "unknown argument" "$rg" --frobnicate
    [ ! -e "$tmp/o" ] || fail "a refused run-guest created its --out directory"
    echo "ok: nothing written on refusal"
    check_refusal "stock-kernel unknown suite" "unknown SUITE" "$SP_ROOT/scripts/internal/stock-kernel" buster
    check_refusal "stock-kernel no suite" "missing SUITE" "$SP_ROOT/scripts/internal/stock-kernel"
    ;;
  *) usage_error "unknown CASE '$CASE'" ;;
esac
echo "PASS: qemu $CASE"
