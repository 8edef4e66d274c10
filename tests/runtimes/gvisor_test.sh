#!/usr/bin/env bash
# One gVisor (gvisor, gvisor-bookworm: a runsc in the docker-current daemon):
# the Sentry answers, not the host kernel. Its reports, from the runtimes_run
# fixture, against the host's own (docker unconfined on the same kernel), and
# against the table of what that very runsc says its Sentry implements
# (DIR/profiles/RUNTIME.syscalls.csv, checked by check_sentry_table.py).
#   gvisor_test.sh OUT-DIR RUNTIME
. "$(dirname "$0")/lib.sh" "$@"

rt=${2:?usage: gvisor_test.sh OUT-DIR RUNTIME}
case $rt in
  gvisor|gvisor-bookworm) ;;
  *) fail "no gVisor check for runtime '$rt'" ;;
esac
host=$(report docker unconfined)
table=$OUT/profiles/$rt.syscalls.csv
echo "runsc: $(cat "$OUT/profiles/$rt.source" 2>/dev/null || echo '?')"
[ -s "$table" ] || fail "no $table: scripts/runtimes could not save runsc's syscall table"
for profile in default unconfined; do
  g=$(report "$rt" "$profile")
  echo "column: $(r "$g" .label)"
  expect_eq "$profile: container.runtime" "$(r "$g" .container.runtime)" gvisor
  r "$g" '.container.evidence[]' | grep -q "gVisor's synthetic kernel" \
    || fail "$profile: no gVisor evidence: $(r "$g" '.container.evidence | join("; ")')"
  expect_eq "$profile: kernel.flavour" "$(r "$g" flavour)" gvisor
  expect_eq "$profile: shared_kernel" "$(r "$g" shared_kernel)" false
  [ "$(r "$g" release)" != "$(uname -r)" ] || fail "$profile: the host's release under gVisor"
  # runsc ignores the OCI profile (no --oci-seccomp): no filter on the task.
  expect_eq "$profile: seccomp" "$(r "$g" seccomp_mode_name)" disabled
  validate_report "$g"

  # Every ENOSYS is the Sentry's, and the explanation says so, not "the kernel".
  bad=$(rj 'attempts | select(errno_name == "ENOSYS")
        | select((verdict != "absent" and verdict != "partial")
                 or (explanation | test("gVisor'"'"'s Sentry (has .* answered|answered) ENOSYS") | not))
        | "\(.name)=\(.verdict): \(.explanation)"' "$g")
  [ -z "$bad" ] || fail "$profile: ENOSYS not explained as the Sentry's: $bad"
  n=$(rj '[attempts | select(errno_name == "ENOSYS")] | length' "$g")
  [ "$n" -gt 0 ] || fail "$profile: no ENOSYS at all under gVisor"
  pass "$profile: $n ENOSYS answers, each explained as the Sentry's"

  # No sentence may say "the kernel" answered: the host's was never asked.
  bad=$(rj 'attempts | select(explanation | startswith("The kernel"))
        | "\(name): \(explanation)"' "$g")
  [ -z "$bad" ] || fail "$profile: explanations that credit the kernel: $bad"
  pass "$profile: every answer credited to gVisor's Sentry, none to the host kernel"

  # The calls the host kernel has but the Sentry lacks: the proof that the
  # Sentry answered. cachestat (6.5) is one on this 6.18 host.
  # shellcheck disable=SC2016 # $names are jq's variables
  differ=$(rj --slurpfile h "$host" '[rows | . as $a
      | select($a.verdict == "absent" and ($h[0] | row($a.name) | verdict) == "implemented")
      | name] | join(" ")' "$g")
  [ -n "$differ" ] || fail "$profile: no call differs from the host kernel"
  case " $differ " in *" cachestat "*) ;; *) fail "$profile: cachestat should be absent under gVisor (host: implemented)" ;; esac
  pass "$profile: the host kernel has, the Sentry lacks: $differ"
  expect_eq "$profile: syscall_probe verdict" "$(r "$g" 'own | verdict')" absent
done

# Last, so that both profiles' contradictions are printed: every verdict
# against runsc's own table (docs/runtimes.md, "Each gVisor against its own
# table").
for profile in default unconfined; do
  check "$profile: every verdict agrees with $(basename "$table")" \
    /usr/bin/python3 "$(dirname "$0")/check_sentry_table.py" "$(report "$rt" "$profile")" "$table"
done
finish
