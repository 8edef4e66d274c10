#!/usr/bin/env bash
# A run whose stdout the runtime cut short (exit 0, no error, not a whole
# report: what ctr run did under load) is run once more, and the first
# attempt's evidence is kept. A `ctr` first on PATH runs the real one, but
# cuts the first run's stdout, as the logging binary wrote it
# (scripts/internal/ctr-logger), to 163840 bytes, as ctr once cut its own.
. "$(dirname "$0")/lib.sh" "$@"

[ "$(id -u)" -eq 0 ] || skip_test "scripts/runtimes needs root"
docker info >/dev/null 2>&1 || skip_test "no Docker engine answers (scripts/engine start)"

mkdir -p "$TEST_TMP/bin"
{
  printf '#!/usr/bin/env bash\n# ctr, but the first run loses the end of its stdout (tests/runtimes/%s).\nonce=%q\n' \
    "$(basename "$0")" "$TEST_TMP/cut-once"
  cat <<'CTR'
set -euo pipefail
here=$(dirname "$0")
PATH=$(printf '%s' "$PATH" | tr : '\n' | grep -vxF "$here" | paste -sd:)
case " $* " in
  *" run "*)
    if [ ! -e "$once" ]; then
      : >"$once"
      uri="" prev=""
      for a in "$@"; do [ "$prev" != --log-uri ] || uri=$a; prev=$a; done
      q=${uri#*\?out=}
      stem=$(printf '%b' "${q//%/\\x}")
      rc=0
      ctr "$@" || rc=$?
      truncate -s 163840 "$stem.stdout"
      exit "$rc"
    fi ;;
esac
exec ctr "$@"
CTR
} >"$TEST_TMP/bin/ctr"
chmod +x "$TEST_TMP/bin/ctr"

rc=0
PATH=$TEST_TMP/bin:$PATH "$SP_ROOT/scripts/runtimes" --runtimes containerd --out "$TEST_TMP/out" --image "$IMAGE" \
  >"$TEST_TMP/table" 2>"$TEST_TMP/err" || rc=$?
[ "$rc" -eq 0 ] || { cat "$TEST_TMP/err" >&2; fail "scripts/runtimes exited $rc"; }
out=$TEST_TMP/out
for p in default unconfined; do
  [ -s "$out/containerd-$p.json" ] || { cat "$TEST_TMP/err" >&2; fail "no containerd $p report"; }
  [ ! -e "$out/containerd-$p-failed.json" ] || fail "containerd $p is a failure column"
done
validate_report "$out/containerd-default.json"
pass "both reports are there, the cut one from the second attempt"
f=$out/logs/containerd-default.attempt1-failed.json
[ -f "$f" ] || fail "no $f: the first attempt's evidence is gone"
validate_failure "$f"
expect_eq "first attempt" "$(jq -r .reason "$f")" "the run failed: exit 0, no stderr, stdout 163840 bytes, not a report"
expect_eq "its stdout, kept" "$(stat -c %s "$(jq -r .run.stdout.file "$f")")" 163840
grep -q 'containerd default: the run failed: exit 0, no stderr, stdout 163840 bytes, not a report; running it once more' "$TEST_TMP/err" \
  || fail "no progress line for the second attempt"
pass "the cut run was run once more, and says so"
no_leftovers
