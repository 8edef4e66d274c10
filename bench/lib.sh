# shellcheck shell=bash
# What the bench/ scripts share, sourced after scripts/lib/common.sh.

# ratio A B: A / B with two decimals ("-" when B is not positive: no baseline).
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
