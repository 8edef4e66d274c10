// The door's second way of making calls: asking the seccomp filters already
// installed who answers each one (System::ask_filters), with a filter of the
// probe's own and its listener. Linux only; docs/verdicts.md "Asking the
// filter" says what it proves.
#pragma once

#include <vector>

#include "system.h"

namespace probe {

/// System::ask_filters of the real door.
FilterAnswers ask_filters_linux(const std::vector<SyscallRequest>& requests, int timeout_ms);

/// Whether ask_filters asks about `nr` at all: not the calls its child makes
/// itself once its filter is in, nor those seccomp never filters.
bool askable_nr(long nr);

}  // namespace probe
