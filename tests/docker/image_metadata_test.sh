#!/usr/bin/env bash
# The final image: one layer under 2 MB, non-root, the probe as entrypoint, a
# default command, OCI labels.
. "$(dirname "$0")/../lib.sh"
require_image
docker image inspect "$IMAGE" >"$TEST_TMP/out"
size=$(j '.[0].Size')
[ "$size" -lt 2000000 ] || fail "image is $size bytes, want < 2000000"
pass "size $size bytes < 2 MB"
expect_eq layers "$(j '.[0].RootFS.Layers | length')" 1
expect_eq user "$(j '.[0].Config.User')" 65534:65534
expect_eq entrypoint "$(j '.[0].Config.Entrypoint | join(" ")')" /syscall-probe
expect_eq "default CMD" "$(j '.[0].Config.Cmd | join(" ")')" "--format text"
for l in title description source version licenses; do
  v=$(j ".[0].Config.Labels[\"org.opencontainers.image.$l\"] // \"\"")
  [ -n "$v" ] || fail "label org.opencontainers.image.$l is missing"
  pass "label $l = $v"
done
# The default command prints the full text report: every section, a verdict.
probe
[ "$rc" -eq 0 ] || fail "default run exited $rc: $(head -c 500 "$TEST_TMP/err")"
for section in Kernel Hostname Container Seccomp Caps Namespaces Cgroup BTF kallsyms Syscall Verdict; do
  grep -q "^$section " "$TEST_TMP/out" || fail "default output lacks its '$section' line"
done
pass "default run prints the full report ($(wc -l <"$TEST_TMP/out") lines)"
