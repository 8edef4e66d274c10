#!/usr/bin/env bash
# The static arm64 probe, cross-built here, and its unit tests run under
# qemu-aarch64-static (scripts/build-arm64 --test; preset arm64-static).
. "$(dirname "$0")/lib.sh"
require_arm64_tools
bin=$("$SP_ROOT/scripts/build-arm64" --test) || fail "scripts/build-arm64 --test failed"
expect_eq "binary" "$bin" "$ARM64_BIN"
size=$(stat -c %s "$bin")
[ "$size" -lt 2000000 ] || fail "the arm64 binary is $size bytes, over 2 MB"
pass "static arm64 binary: $size bytes"
