#!/usr/bin/env bash
# The container shares the host's kernel (same release) but not its hostname.
. "$(dirname "$0")/../lib.sh"
require_image
probe_json
expect_eq "kernel release inside vs host" "$(j release)" "$(uname -r)"
inside=$(j nodename)
if [ -z "$inside" ] || [ "$inside" = "$(uname -n)" ]; then fail "hostname inside '$inside' should differ from the host's '$(uname -n)'"; fi
pass "hostname inside ($inside) differs from the host's ($(uname -n))"
expect_eq "container detected" "$(j .container.detected)" true
