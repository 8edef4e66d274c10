// The attempting machine behind System::attempt_all (system-linux.cc): each
// request made as a raw system call in a child of the probe, most in a child
// sharing its memory, with a timeout, the caller's own work done beside the
// first child. Linux only; the one place, with filter_ask-linux.cc, that
// starts children.
#pragma once

#include <functional>
#include <vector>

#include "outcome.h"
#include "system.h"

namespace probe {

class Attempter {
 public:
  /// System::attempt_all: one outcome per request, in order; `meanwhile`
  /// (if any) runs once beside the first child, its exception rethrown once
  /// every child is reaped.
  std::vector<Outcome> attempt_all(const std::vector<SyscallRequest>& reqs, int timeout_ms,
                                   const std::function<void()>& meanwhile);

 private:
  // Once CLONE_VM was refused, every later child is forked.
  bool share_memory_ = true;
};

}  // namespace probe
