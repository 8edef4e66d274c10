#!/usr/bin/env bash
# Fast tests of kernel/apply on a scratch copy of a real Debian Linux tree.
. "$(dirname "$0")/../lib.sh"

usage() {
  cat <<EOF
usage: $(basename "$0") CASE [VERSION]

CASE: idempotent | unknown-tree | missing-anchor | number-taken | renumbered |
      format-patch | checkpatch-source
VERSION: 6.1 (default), 6.12 or 5.10 (Debian linux-source-VERSION)
Exit codes: 0 pass, 1 fail, 77 skip (no kernel source available).
EOF
}

[ $# -ge 1 ] || usage_error "missing CASE"
case $1 in -h|--help) usage; exit 0 ;; esac
CASE=$1
VERSION=${2:-6.1}
APPLY=$SP_ROOT/kernel/apply
HEADER=$SP_ROOT/kernel/include/uapi/linux/syscall_probe.h
NR=$(awk '$2 == "SYSCALL_PROBE_NR" { print $3 }' "$HEADER")

SCRATCH=$TEST_TMP

# The files kernel/apply reads or edits, copied from the real tree (a full
# copy is 1.3 GB; these are what the apply step sees).
FILES=(Makefile Kbuild init/Kconfig MAINTAINERS arch/x86/entry/syscalls/syscall_64.tbl
  include/linux/syscalls.h kernel/sys_ni.c include/uapi/asm-generic/unistd.h
  scripts/syscall.tbl arch/arm64/kernel/Makefile.syscalls)

scratch_tree() {
  local src
  src=$("$SP_ROOT/scripts/internal/kernel-source" "$VERSION" 2>"$SCRATCH/source.log") \
    || skip_test "no linux-source-$VERSION (scripts/internal/kernel-source: $(tail -n1 "$SCRATCH/source.log"))"
  mkdir -p "$SCRATCH/tree"
  (cd "$src" && for f in "${FILES[@]}"; do [ ! -f "$f" ] || cp --parents -p "$f" "$SCRATCH/tree/"; done)
  TREE=$SCRATCH/tree
}

tree_sum() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16); }

# expect_refusal DIR: kernel/apply exits 2 with one line and leaves DIR as it was.
expect_refusal() {
  local dir=$1 before after rc=0
  before=$(tree_sum "$dir")
  "$APPLY" "$dir" 2>"$SCRATCH/err" || rc=$?
  after=$(tree_sum "$dir")
  [ "$rc" -eq 2 ] || fail "expected exit 2, got $rc: $(cat "$SCRATCH/err")"
  [ "$(wc -l <"$SCRATCH/err")" -eq 1 ] || fail "expected one line of error, got: $(cat "$SCRATCH/err")"
  grep -q 'refusing' "$SCRATCH/err" || fail "error does not say it refuses: $(cat "$SCRATCH/err")"
  [ "$before" = "$after" ] || fail "refused tree was modified"
  echo "refused as expected: $(cat "$SCRATCH/err")"
}

case $CASE in
  idempotent)
    scratch_tree
    "$APPLY" "$TREE"
    first=$(tree_sum "$TREE")
    "$APPLY" "$TREE" 2>"$SCRATCH/second"
    second=$(tree_sum "$TREE")
    [ "$first" = "$second" ] || fail "second run changed the tree"
    grep -q 'already applied' "$SCRATCH/second" || fail "second run did not say already applied: $(cat "$SCRATCH/second")"
    # Every classic step and every adding-syscalls.rst step landed, once.
    cmp -s "$HEADER" "$TREE/include/uapi/linux/syscall_probe.h" || fail "shared header not copied"
    for f in syscall_probe.c Makefile Kconfig; do
      cmp -s "$SP_ROOT/kernel/syscall_probe/$f" "$TREE/syscall_probe/$f" || fail "syscall_probe/$f not copied"
    done
    [ "$(grep -cE '^(obj|core)-y[[:space:]]+\+= syscall_probe/$' "$TREE/Kbuild" "$TREE/Makefile" | awk -F: '{ s += $2 } END { print s }')" -eq 1 ] \
      || fail "syscall_probe/ not in the build list exactly once"
    [ "$(grep -cxF 'source "syscall_probe/Kconfig"' "$TREE/init/Kconfig")" -eq 1 ] || fail "Kconfig not sourced once"
    [ "$(grep -cxF 'asmlinkage long sys_syscall_probe(unsigned long token);' "$TREE/include/linux/syscalls.h")" -eq 1 ] \
      || fail "prototype missing from syscalls.h"
    [ "$(grep -cxF 'COND_SYSCALL(syscall_probe);' "$TREE/kernel/sys_ni.c")" -eq 1 ] || fail "COND_SYSCALL missing"
    # The x86_64 table number is the header's.
    x86=$(awk '$3 == "syscall_probe" { print $1 " " $2 " " $4 }' "$TREE/arch/x86/entry/syscalls/syscall_64.tbl")
    [ "$x86" = "$NR common sys_syscall_probe" ] || fail "x86_64 entry is '$x86', expected '$NR common sys_syscall_probe'"
    # The generic/arm64 table: scripts/syscall.tbl from 6.11, asm-generic/unistd.h before.
    if [ -f "$TREE/arch/arm64/kernel/Makefile.syscalls" ]; then
      gen=$(awk '$3 == "syscall_probe" { print $1 " " $4 }' "$TREE/scripts/syscall.tbl")
      [ "$gen" = "$NR sys_syscall_probe" ] || fail "scripts/syscall.tbl entry is '$gen'"
    else
      h=$TREE/include/uapi/asm-generic/unistd.h
      grep -qxF "#define __NR_syscall_probe $NR" "$h" || fail "asm-generic/unistd.h lacks __NR_syscall_probe $NR"
      grep -qxF '__SYSCALL(__NR_syscall_probe, sys_syscall_probe)' "$h" || fail "asm-generic/unistd.h lacks __SYSCALL"
      n=$(awk '$2 == "__NR_syscalls" { print $3 }' "$h")
      [ "$n" -gt "$NR" ] || fail "__NR_syscalls is $n, must exceed $NR"
    fi
    echo "PASS: Linux $VERSION: applied, second run changed nothing ($first)"
    ;;
  unknown-tree)
    mkdir -p "$SCRATCH/notlinux/arch"
    printf 'all:\n\techo hello\n' >"$SCRATCH/notlinux/Makefile"
    echo 'not a kernel' >"$SCRATCH/notlinux/README"
    expect_refusal "$SCRATCH/notlinux"
    rc=0; "$APPLY" "$SCRATCH/does-not-exist" 2>/dev/null || rc=$?
    [ "$rc" -eq 2 ] || fail "a missing directory gave exit $rc, expected 2"
    echo "PASS: unknown trees refused untouched"
    ;;
  missing-anchor)
    scratch_tree
    # A tree whose kernel/sys_ni.c lacks the anchor line: refused before any
    # other file (the header, the source dir, the tables) is written.
    sed -i '/^COND_SYSCALL(rseq);$/d' "$TREE/kernel/sys_ni.c"
    expect_refusal "$TREE"
    [ ! -e "$TREE/syscall_probe" ] || fail "syscall_probe/ was created in a refused tree"
    echo "PASS: tree with a missing anchor refused untouched"
    ;;
  number-taken)
    scratch_tree
    printf '%s\tcommon\tsomething_else\t\tsys_something_else\n' "$NR" >>"$TREE/arch/x86/entry/syscalls/syscall_64.tbl"
    expect_refusal "$TREE"
    echo "PASS: a tree where $NR is taken is refused untouched"
    ;;
  renumbered)
    # A tree patched earlier with another number (the header changed since):
    # refused, since the old entry cannot be taken back.
    scratch_tree
    "$APPLY" "$TREE" 2>/dev/null
    sed -i "s/^$NR\tcommon\tsyscall_probe/$((NR + 1))\tcommon\tsyscall_probe/" "$TREE/arch/x86/entry/syscalls/syscall_64.tbl"
    grep -q "^$((NR + 1))	common	syscall_probe" "$TREE/arch/x86/entry/syscalls/syscall_64.tbl" || fail "test setup: renumbering failed"
    expect_refusal "$TREE"
    echo "PASS: a tree with syscall_probe under another number is refused untouched"
    ;;
  format-patch)
    scratch_tree
    src=$("$SP_ROOT/scripts/internal/kernel-source" "$VERSION" 2>/dev/null)
    "$APPLY" --format-patch "$SCRATCH/patches" "$TREE" >/dev/null
    n=$(find "$SCRATCH/patches" -name '*.patch' | wc -l)
    [ "$n" -eq 4 ] || fail "expected 4 patches, got $n"
    # The series applies with git am on a pristine copy and gives what kernel/apply gives.
    mkdir -p "$SCRATCH/am"
    cp -a "$TREE/." "$SCRATCH/am/"
    git -C "$SCRATCH/am" init -q
    git -C "$SCRATCH/am" -c user.name=t -c user.email=t@localhost add -A
    git -C "$SCRATCH/am" -c user.name=t -c user.email=t@localhost commit -qm base
    git -C "$SCRATCH/am" -c user.name=t -c user.email=t@localhost am -q "$SCRATCH"/patches/*.patch \
      || fail "git am of the series failed"
    rm -rf "$SCRATCH/am/.git"
    "$APPLY" "$TREE" 2>/dev/null
    [ "$(tree_sum "$TREE")" = "$(tree_sum "$SCRATCH/am")" ] || fail "git am result differs from kernel/apply's"
    # checkpatch --strict: clean on every patch.
    out=$(cd "$SCRATCH" && "$src/scripts/checkpatch.pl" --strict --root="$src" "$SCRATCH"/patches/*.patch 2>&1) || true
    totals=$(grep '^total:' <<<"$out")
    [ "$(grep -c '^total: 0 errors, 0 warnings, 0 checks' <<<"$totals")" -eq 4 ] \
      || fail "checkpatch --strict not clean on the series: $out"
    echo "PASS: 4 patches, git am == kernel/apply, checkpatch --strict clean"
    ;;
  checkpatch-source)
    src=$("$SP_ROOT/scripts/internal/kernel-source" "$VERSION" 2>/dev/null) || skip_test "no linux-source-$VERSION for checkpatch.pl"
    for f in syscall_probe.c Makefile Kconfig; do
      out=$("$src/scripts/checkpatch.pl" --strict --no-tree -f "$SP_ROOT/kernel/syscall_probe/$f" 2>&1) || true
      grep -q '^total: 0 errors, 0 warnings, 0 checks' <<<"$out" || fail "checkpatch --strict on $f: $out"
    done
    echo "PASS: checkpatch --strict clean on kernel/syscall_probe/"
    ;;
  *) usage_error "unknown CASE '$CASE'" ;;
esac
