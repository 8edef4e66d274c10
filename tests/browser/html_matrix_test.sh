#!/usr/bin/env bash
# compare's HTML page in a real browser (Debian's headless Chromium, file://
# only, no network): a matrix of the real reports in
# probe/test/fixtures/reports, opened at 1600x1200 with measure_matrix.js
# appended; check_matrix.py judges what the script saw (filters, legend, the
# sticky header row and syscall column after a scroll to the far corner).
# The page, the DOM and the screenshot stay in OUT.
# usage: html_matrix_test.sh SYSCALL-PROBE REPORTS-DIR OUT
set -euo pipefail
. "$(dirname "$0")/../lib.sh"

bin=$1 reports=$2 out=$3
here=$(cd "$(dirname "$0")" && pwd)
browser=$(command -v chromium || true)
[ -n "$browser" ] || skip_test "no chromium (scripts/deps installs Debian's)"

mapfile -t files < <(find "$reports" -name '*.json' ! -name 'bad-*' | sort)
[ ${#files[@]} -ge 13 ] || fail "only ${#files[@]} report(s) in $reports"
rm -rf "$out" && mkdir -p "$out"
timeout 60 "$bin" compare --format html --all-rows --output "$out/matrix.html" "${files[@]}" \
  || fail "compare --format html failed"

# The page under test: the page, the measuring script just before </body>.
page=$out/matrix-measured.html
{
  sed '/^<\/body>$/,$d' "$out/matrix.html"
  printf '<script>\n'
  cat "$here/measure_matrix.js"
  printf '</script>\n</body>\n</html>\n'
} >"$page"

# Chromium with everything that could reach a network turned off: no proxy,
# no background requests, every host name unresolvable; its profile in the
# test's scratch directory.
chrome() {
  HOME=$TEST_TMP XDG_CONFIG_HOME=$TEST_TMP/config XDG_CACHE_HOME=$TEST_TMP/cache \
    timeout -k 10 120 "$browser" --headless=new --no-sandbox --disable-gpu \
    --no-proxy-server --disable-background-networking --host-resolver-rules='MAP * ~NOTFOUND' \
    --disable-component-update --disable-sync --disable-extensions --no-first-run \
    --no-default-browser-check --user-data-dir="$TEST_TMP/profile" \
    --window-size=1600,1200 --run-all-compositor-stages-before-draw --virtual-time-budget=5000 \
    "$@" "file://$page"
}
chrome --dump-dom >"$out/dom.html" 2>"$out/chromium-dom.log" \
  || fail "chromium --dump-dom failed: $(tail -n3 "$out/chromium-dom.log")"
chrome --screenshot="$out/matrix.png" >"$out/chromium-screenshot.log" 2>&1 \
  || fail "chromium --screenshot failed: $(tail -n3 "$out/chromium-screenshot.log")"
[ -s "$out/matrix.png" ] || fail "no screenshot"
echo "screenshot: $out/matrix.png"
python3 "$here/check_matrix.py" "$out/dom.html" "${#files[@]}"
