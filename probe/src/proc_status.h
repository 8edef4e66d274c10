// Parsing /proc/self/status and decoding capability masks. Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace probe {

/// The confinement fields of /proc/<pid>/status; each is nullopt when the
/// kernel (or gVisor) does not print it.
struct ProcStatus {
  std::optional<int> seccomp;          ///< Seccomp: 0 disabled, 1 strict, 2 filter
  std::optional<int> seccomp_filters;  ///< Seccomp_filters: Linux >= 5.9
  std::optional<bool> no_new_privs;    ///< NoNewPrivs: Linux >= 4.10
  std::optional<std::uint64_t> cap_eff;
  std::optional<std::uint64_t> cap_bnd;
};

/// Parses the text of /proc/<pid>/status. Unknown or malformed lines are
/// ignored, so a partial file gives a partial answer.
ProcStatus parse_proc_status(std::string_view text);

/// "disabled", "strict", "filter" or "unknown" (also for nullopt).
std::string_view seccomp_mode_name(std::optional<int> mode);

/// True when a seccomp filter (mode 2) or strict mode (1) confines us.
bool seccomp_confined(const ProcStatus& status);

/// The lower-case cap_* name of capability `bit`, or "cap_<bit>" if newer
/// than this table (the kernel's include/uapi/linux/capability.h).
std::string capability_name(unsigned bit);

/// capability_name() of a capability this kernel header knows (bit <= 40),
/// as a literal; "" for any other.
std::string_view capability_literal(unsigned bit);

/// The names of every bit set in `mask`, lowest bit first.
std::vector<std::string> capability_names(std::uint64_t mask);

/// "000001fffeffffff": 16 lower-case hex digits, as the kernel prints it.
std::string capability_hex(std::uint64_t mask);

}  // namespace probe
