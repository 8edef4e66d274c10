# shellcheck shell=bash
# shellcheck disable=SC2034 # variables read by the scripts that source this block
# Which kernel to boot: a patched build (scripts/build-kernel, cached) or a
# Debian stock kernel with our initramfs (scripts/internal/stock-kernel, cached).
# Sourced after common.sh.

# The kernels the project boots, in one place (HACKING.md, "A kernel"): the
# Linux releases it patches, each built from Debian's linux-source-X of the
# suite beside it, and the Debian suites whose stock kernels it boots.
KERNEL_RELEASES=(5.10 6.1 6.12)
declare -gA KERNEL_SUITE=([5.10]=bullseye [6.1]=bookworm [6.12]=trixie)
STOCK_SUITES=(bullseye bookworm trixie)

# kernel_for SPEC: resolve SPEC to a bootable kernel; sets KERNEL (bzImage),
# INITRD (empty for patched kernels), KERNEL_RELEASE (empty when unknown
# before boot) and KERNEL_ARCH (x86_64, or arm64 for a SPEC ending in -arm64:
# the same kernel cross-built or Debian's arm64 one, for scripts/run-guest
# --arch arm64). Progress on stderr. Returns 1, with the reason on stderr, if
# no kernel came out. SPEC:
#   patched-VERSION   scripts/build-kernel --version VERSION (5.10, 6.1, 6.12)
#   source:PATH       scripts/build-kernel --source PATH (a Linux tree or tarball)
#   SUITE             a STOCK_SUITES one: Debian's stock cloud kernel (scripts/internal/stock-kernel)
kernel_for() {
  local spec=$1 out arch_opts=()
  KERNEL="" INITRD="" KERNEL_RELEASE="" KERNEL_ARCH=x86_64
  if [[ $spec == *-arm64 ]]; then
    KERNEL_ARCH=arm64 spec=${spec%-arm64}
    arch_opts=(--arch arm64)
  fi
  case $spec in
    patched-*|source:*)
      local args=("${arch_opts[@]}" --version "${spec#patched-}")
      [[ $spec != source:* ]] || args=(--source "${spec#source:}")
      # build-kernel limits make itself; this bounds the rest (source download, copy).
      out=$(timeout $(( ${SYSCALL_PROBE_KERNEL_BUILD_TIMEOUT:-3600} + 1800 )) "$SP_ROOT/scripts/build-kernel" "${args[@]}" --print-path) \
        || { echo "scripts/build-kernel ${args[*]} failed" >&2; return 1; }
      KERNEL=$(tail -n1 <<<"$out")
      [ -f "$KERNEL" ] || { echo "scripts/build-kernel ${args[*]} printed '$KERNEL', not a file" >&2; return 1; }
      KERNEL_RELEASE=$(cat "$(dirname "$KERNEL")/kernel.release" 2>/dev/null || true)
      ;;
    *)
      one_of "$spec" "${STOCK_SUITES[@]}" || {
        echo "kernel_for: unknown kernel '$spec' (patched-VERSION, source:PATH or $(joined ", " "${STOCK_SUITES[@]}"); -arm64 after any)" >&2
        return 1
      }
      out=$(timeout 1800 "$SP_ROOT/scripts/internal/stock-kernel" "${arch_opts[@]}" "$spec") \
        || { echo "scripts/internal/stock-kernel $spec failed" >&2; return 1; }
      KERNEL=$(jq -r .kernel <<<"$out") INITRD=$(jq -r .initrd <<<"$out") KERNEL_RELEASE=$(jq -r .release <<<"$out")
      if [ ! -f "$KERNEL" ] || [ ! -f "$INITRD" ]; then
        echo "scripts/internal/stock-kernel $spec printed no kernel/initrd: $out" >&2
        return 1
      fi
      ;;
  esac
}

# apt_suite SUITE: a private apt configuration for Debian SUITE in
# $SP_CACHE/apt/SUITE: its own sources (the mirror of this machine's apt),
# lists and archive cache, the system's apt sources untouched. Sets APT_DIR
# (downloads go to $APT_DIR/debs) and APT_OPTS (options for apt-get and
# apt-cache). Used for Linux sources (scripts/internal/kernel-source, kernel-tables).
apt_suite() {
  APT_DIR=$SP_CACHE/apt/$1
  mkdir -p "$APT_DIR/lists/partial" "$APT_DIR/cache/archives/partial" "$APT_DIR/debs" \
    || die "cannot create $APT_DIR"
  printf 'deb %s %s main\n' "$(apt_mirror)" "$1" >"$APT_DIR/sources.list"
  APT_OPTS=(-o "Dir::Etc::SourceList=$APT_DIR/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$APT_DIR/lists" -o "Dir::Cache=$APT_DIR/cache"
    -o Dir::State::Status=/dev/null -o APT::Get::List-Cleanup=0 -o APT::Sandbox::User=root)
}
