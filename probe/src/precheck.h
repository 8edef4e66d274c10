// Does the caller pass the check a kernel makes before a catalogue call's
// arguments (catalogue.h Precheck)? Pure: facts in, a tri-state out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "catalogue.h"

namespace probe {

/// What the probe knows about the caller and host, for the prechecks.
struct CallerFacts {
  std::optional<std::uint64_t> cap_eff;  ///< /proc/self/status CapEff
  /// The caller is in the initial user namespace (identity uid_map). In
  /// another one, CapEff speaks for that namespace only, and a kernel check
  /// against the initial one (capable()) may fail although the bit is set.
  std::optional<bool> initial_user_ns;
  /// no_new_privs in the child that makes the call: the probe's own
  /// (NoNewPrivs), or set by the child itself before the call.
  std::optional<bool> no_new_privs;
  /// /proc/sys/kernel/io_uring_disabled (Linux >= 6.6); nullopt if unread.
  std::optional<int> io_uring_disabled;
  bool io_uring_sysctl_missing = false;  ///< the file does not exist (ENOENT)
  std::string release;                   ///< uname -r
  std::optional<std::string> cmdline;    ///< /proc/cmdline
  /// /sys/module/secretmem/parameters/enable ("Y"/"N"; root may read it).
  std::optional<bool> secretmem_enable;
  /// The architecture the calls are made for ("x86_64", "aarch64"): arm64's
  /// secretmem also needs a page-granular linear map (can_set_direct_map()).
  std::string arch;
};

/// true: the caller passes `check`, so the kernel's answer is the one to the
/// arguments; false: it fails it, so a kernel that has the call answers the
/// row's alt_errno; nullopt: the facts cannot tell.
std::optional<bool> precheck_passes(Precheck check, const CallerFacts& facts);

/// What the check needs, for explanations: "cap_sys_admin", "no_new_privs or
/// cap_sys_admin", "kernel.io_uring_disabled = 0", ...
std::string_view precheck_text(Precheck check);

/// Parses "6.18.0-1-amd64" into {6, 18}; nullopt if it does not start so.
std::optional<std::pair<int, int>> kernel_version(std::string_view release);

/// The value of `key` on a kernel command line ("secretmem.enable=0" -> "0";
/// a bare "key" -> ""), the last one winning; nullopt when absent.
std::optional<std::string> cmdline_value(std::string_view cmdline, std::string_view key);

}  // namespace probe
