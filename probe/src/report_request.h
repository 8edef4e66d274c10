// What a report is asked to hold: which calls, with which token, how long
// each may take, and how far to look for the kernel's symbols. The command
// line (options.h) fills it; gathering (report.h) reads nothing else of it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "evidence_mode.h"

namespace probe {

inline constexpr int kDefaultTimeoutMs = 2000;

struct ReportRequest {
  long nr = 0;                        ///< set to SYSCALL_PROBE_NR by parse_cli
  std::optional<std::uint32_t> arg;   ///< --arg; random when absent
  std::vector<std::string> syscalls;  ///< catalogue names to try, in order, once each
  int timeout_ms = kDefaultTimeoutMs;
  std::optional<std::string> label;
  KallsymsMode kallsyms = KallsymsMode::Auto;
  BtfMode btf = BtfMode::Auto;
};

}  // namespace probe
