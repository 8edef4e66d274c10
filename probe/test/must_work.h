// SYSCALL_PROBE_MUST_WORK=1 (set by .ci/run) turns a test's skip, for want of
// something in the environment, into a failure.
#pragma once

#include <cstdlib>
#include <string_view>

namespace probe::testing {

inline bool must_work() {
  const char* v = std::getenv("SYSCALL_PROBE_MUST_WORK");
  return v != nullptr && std::string_view(v) == "1";
}

}  // namespace probe::testing
