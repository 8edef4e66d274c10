// What the container runtime puts between the probe and the kernel: whose
// seccomp profile it applies by default and what that profile answers for a
// call it does not allow, or (gVisor) that another kernel answers altogether.
// The verdict's explanations name them. Pure.
#pragma once

#include <string>
#include <string_view>

namespace probe {

/// The runtime's default filter, as docs/runtimes.md describes it.
struct RuntimeFilter {
  /// Who wrote the profile, for a sentence: "Docker's default profile".
  /// A literal: a census asks for the filter once per row.
  std::string_view profile;
  /// The errno the profile answers for a call it does not list: EPERM for
  /// Docker and containerd, ENOSYS for Podman; 0 when unknown.
  int default_errno = 0;
  /// The runtime (runc) answers ENOSYS for any number above the highest
  /// syscall the profile names, before the profile is consulted.
  bool enosys_stub = false;
  /// gVisor: the Sentry, a kernel written in Go, answers every call; the host
  /// kernel is never asked.
  bool sentry = false;
};

/// The filter of `runtime`, the report's container.runtime ("docker",
/// "podman", "containerd", "kubernetes", "gvisor", ...); a generic
/// description for any other.
RuntimeFilter runtime_filter(std::string_view runtime);

/// Why a filter's ENOSYS for `name` hides a call the kernel has, under
/// `runtime`: the clause after "ENOSYS came from the seccomp filter, not the
/// kernel: <evidence>, and ...".
std::string filter_enosys_reason(std::string_view runtime, std::string_view name);

/// The explanation of an ENOSYS for `name` with no filter under gVisor:
/// the Sentry lacks it, whatever the host kernel has.
std::string sentry_enosys(std::string_view name);

/// `explanation` as judge() wrote it, with "The kernel ..." said of gVisor's
/// Sentry under `runtime` "gvisor" (it answered, not the host); unchanged
/// otherwise.
std::string attribute_answer(std::string explanation, std::string_view runtime);

}  // namespace probe
