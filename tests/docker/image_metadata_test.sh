#!/usr/bin/env bash
# The final image: one layer under 2 MB, non-root, the probe as entrypoint, a
# default command, OCI labels.
. "$(dirname "$0")/lib.sh"
require_image
docker image inspect "$IMAGE" >"$WORK/out"
size=$(j '.[0].Size')
[ "$size" -lt 2000000 ] || fail "image is $size bytes, want < 2000000"
pass "size $size bytes < 2 MB"
expect_eq layers "$(j '.[0].RootFS.Layers | length')" 1
expect_eq user "$(j '.[0].Config.User')" 65534:65534
expect_eq entrypoint "$(j '.[0].Config.Entrypoint | join(" ")')" /syscall-probe
[ "$(j '.[0].Config.Cmd | length')" -gt 0 ] || fail "no default CMD"
pass "default CMD: $(j '.[0].Config.Cmd | join(" ")')"
for l in title description source version licenses; do
  v=$(j ".[0].Config.Labels[\"org.opencontainers.image.$l\"] // \"\"")
  [ -n "$v" ] || fail "label org.opencontainers.image.$l is missing"
  pass "label $l = $v"
done
