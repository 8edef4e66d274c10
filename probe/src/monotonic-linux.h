// CLOCK_MONOTONIC in ns, for the door's files that time their children
// (attempt-linux.cc, filter_ask-linux.cc).
#pragma once

#include <cstdint>
#include <ctime>

namespace probe {

/// Through the vDSO: no system call (a clock without a vDSO path falls back
/// to one that every profile allows, the probe's own included), no lock, no
/// errno unless it fails; so a child sharing the probe's memory may call it.
inline std::int64_t now_ns() {
  struct timespec ts {};
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

}  // namespace probe
