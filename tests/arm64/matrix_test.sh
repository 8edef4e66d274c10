#!/usr/bin/env bash
# The arm64 columns of the comparison matrix (the reports of the one arm64
# matrix run, fixture arm64_matrix), asserted against the kernel's own tables
# (scripts/internal/kernel-tables: arch/arm64/tools/syscall_64.tbl of the newest Linux
# Debian ships, and the ABIs arm64 builds from it):
#   - every catalogue row of every arm64 report sits at the number the arm64
#     table gives its name, and names a call the arm64 table has;
#   - syscall 548 is a number the arm64 table leaves free, implemented
#     (verified) only on patched-6.1-arm64 unconfined, absent on the stock kernel;
#   - the table's arch row reads aarch64 in every column, and no column was emulated.
#   matrix_test.sh MATRIX_OUT
. "$(dirname "$0")/lib.sh"
[ $# -eq 1 ] || usage_error "usage: matrix_test.sh MATRIX_OUT"
out=$1
[ -f "$out/matrix.txt" ] || fail "$out/matrix.txt missing: the arm64 matrix run (arm64_matrix_run) made no table"
tables=$("$SP_ROOT/scripts/internal/kernel-tables") || fail "scripts/internal/kernel-tables failed"
# name -> number, for the ABIs arm64 builds (common,64 plus its extras).
abis=$(cat "$tables/arm64.abis")
awk -v abis="$abis" 'BEGIN { n = split(abis, a, ","); for (i = 1; i <= n; i++) ok[a[i]] = 1 }
  !/^#/ && NF >= 3 && ($2 in ok) { printf "{\"%s\": %s}\n", $3, $1 }' "$tables/arm64.tbl" \
  | jq -s 'add' >"$TEST_TMP/arm64.json"
[ "$(jq length "$TEST_TMP/arm64.json")" -gt 300 ] || fail "arm64 table of $(cat "$tables/version") has only $(jq length "$TEST_TMP/arm64.json") calls"
pass "arm64 table of Linux $(cat "$tables/version"): $(jq length "$TEST_TMP/arm64.json") calls"

reports=()
for k in bookworm-arm64 patched-6.1-arm64; do
  [ ! -e "$out/$k-failed.json" ] || fail "$k failed in the matrix run: $(jq -r .reason "$out/$k-failed.json")"
  reports+=("$out/$k-unconfined.json" "$out/$k-default.json")
done
for f in "${reports[@]}"; do
  [ -s "$f" ] || fail "no $f"
  r=$(basename "$f" .json)
  expect_eq "$r: machine" "$(rj machine "$f")" aarch64
  expect_eq "$r: emulated" "$(rj emulated "$f")" false
  # shellcheck disable=SC2016 # $names are jq's variables
  wrong=$(rj --slurpfile t "$TEST_TMP/arm64.json" \
    '[rows | select(arch != "aarch64" or $t[0][name] == null or $t[0][name] != nr)
      | "\(name)=\(nr) (table: \($t[0][name]))"] | join(" ")' "$f")
  [ -z "$wrong" ] || fail "$r: rows not at the arm64 table's number: $wrong"
  pass "$r: $(rj calls "$f") rows, each at its arm64 table number"
  expect_eq "$r: own number" "$(rj 'own | nr' "$f")" 548
done
taken=$(jq -r 'to_entries[] | select(.value == 548) | .key' "$TEST_TMP/arm64.json")
[ -z "$taken" ] || fail "the arm64 table gives 548 to $taken"
pass "548 is free in the arm64 table"

own() { rj '"\((own | verdict)) \((own | verified))"' "$out/$1.json"; }
expect_eq "548 on patched-6.1-arm64, unconfined" "$(own patched-6.1-arm64-unconfined)" "implemented true"
expect_eq "548 on patched-6.1-arm64, default profile" "$(own patched-6.1-arm64-default | cut -d' ' -f1)" blocked
expect_eq "548 on bookworm-arm64, unconfined" "$(own bookworm-arm64-unconfined | cut -d' ' -f1)" absent
expect_eq "548 on bookworm-arm64, default profile" "$(own bookworm-arm64-default | cut -d' ' -f1)" absent

# The text table: the arch row names aarch64 for each of the four columns,
# and our row differs between the kernels.
arch_row=$(grep -m1 -E '^  arch ' "$out/matrix.txt") || fail "matrix.txt has no arch row"
expect_eq "arch row" "$(awk '{ $1 = ""; print }' <<<"$arch_row" | xargs)" "aarch64 aarch64 aarch64 aarch64"
grep -q '^\* syscall_probe (548)' "$out/matrix.txt" || fail "our syscall's row is not marked as differing"
pass "matrix.txt: arch row and our differing row"
