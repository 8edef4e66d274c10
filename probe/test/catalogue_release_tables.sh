#!/usr/bin/env bash
# Runs CatalogueReleaseTables against the tables and sources of one Linux
# release the matrix boots (scripts/internal/kernel-tables --release fetches and caches
# them from Debian's linux-source-VERSION).
set -euo pipefail

usage() {
  echo "usage: $(basename "$0") KERNEL_TABLES_SCRIPT CATALOGUE_TABLES_TEST VERSION" >&2
}

[ $# -eq 3 ] || { usage; exit 2; }
dir=$("$1" --release "$3") || exit $?
SYSCALL_PROBE_RELEASE_TABLES=$dir exec "$2" --gtest_filter='CatalogueReleaseTables.*'
