// Catalogue data: the calls kernel lockdown may refuse before the catalogue's
// arguments are looked at. Derived from the call sites of
// security_locked_down() in the files that define the calls (SYSCALL_DEFINE),
// and tested against them (probe/test/lsm_tables_test.cc); the levels are the
// order of enum lockdown_reason in include/linux/security.h (a reason before
// LOCKDOWN_INTEGRITY_MAX is refused from `integrity` on). Calls gated only
// after their arguments, which the catalogue's bad arguments never pass, are
// listed in that test with the reason (iopl, ioperm, kexec_file_load,
// perf_event_open).
#pragma once

#include "lsm.h"

namespace probe::rows {

inline constexpr LockdownGate kLockdownGates[] = {
    // kernel/kexec.c kexec_load_check(): CAP_SYS_BOOT, then lockdown, then
    // the flags the catalogue's row sets wrong.
    {"kexec_load", LockdownMode::Integrity, "LOCKDOWN_KEXEC", "kernel/kexec.c", true},
};

}  // namespace probe::rows
