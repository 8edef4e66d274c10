#!/usr/bin/env bash
# lint_readme_figures: every measured figure README.md quotes (a number with a
# unit: 487 s, 25.7 s, 1,998,992 bytes, 0.68×) stands, written the same way,
# in docs/benchmarks.md, the one home of figures, where its date, commit,
# machine, load and command are.
#   readme_figures_test.sh [README BENCHMARKS]   (default: this checkout's)
set -euo pipefail
# shellcheck source=../lib.sh
. "$(dirname "$0")/../lib.sh"

usage() { echo "usage: readme_figures_test.sh [README.md docs/benchmarks.md]" >&2; }
[ $# -eq 0 ] || [ $# -eq 2 ] || { usage; exit 2; }
readme=${1:-$SP_ROOT/README.md}
bench=${2:-$SP_ROOT/docs/benchmarks.md}
if [ ! -f "$readme" ] || [ ! -f "$bench" ]; then usage; exit 2; fi

py=$(command -v python3) || skip_test "no python3"
timeout 60 "$py" - "$readme" "$bench" <<'PY'
import re, sys
readme, bench = (open(p, encoding="utf-8").read() for p in sys.argv[1:3])
# A number (digits, thousands commas, a decimal part) and a unit of time,
# size or ratio. Not a figure: versions (6.1), numbers (548), hex (0x5ca1...).
unit = r"(?:ns|µs|us|ms|s|sec|min|h|bytes|B|KiB|MiB|GiB|kB|KB|MB|GB|%|×)"
figure = re.compile(r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?)(\s?)(" + unit + r")(?![\w])")
norm = lambda s: s.replace("\u00a0", " ").replace("\u202f", " ")
bench = norm(bench)
found = [m.group(0) for m in figure.finditer(norm(readme))]
missing = sorted({f for f in found if f not in bench})
for f in missing:
    print(f"FAIL: README.md quotes {f!r}, which docs/benchmarks.md does not hold", file=sys.stderr)
if missing:
    sys.exit(1)
print(f"ok: the README's {len(found)} figure(s) all stand in docs/benchmarks.md: {', '.join(dict.fromkeys(found))}")
PY
