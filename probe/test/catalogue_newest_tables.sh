#!/usr/bin/env bash
# Runs CatalogueNewestTables against the tables of the newest Linux source
# Debian ships (scripts/internal/kernel-tables fetches and caches them).
set -euo pipefail

usage() {
  echo "usage: $(basename "$0") KERNEL_TABLES_SCRIPT CATALOGUE_TABLES_TEST" >&2
}

[ $# -eq 2 ] || { usage; exit 2; }
dir=$("$1") || exit $?
SYSCALL_PROBE_KERNEL_TABLES=$dir exec "$2" --gtest_filter='CatalogueNewestTables.*'
