// The seccomp audit architecture (AUDIT_ARCH_*) of the build: what a filter
// compares seccomp_data.arch with before it trusts a call's number. One
// header for the probe, the supervisor and their kernel tests.
#pragma once

#include <linux/audit.h>

#include <cstdint>

namespace probe {

/// AUDIT_ARCH_X86_64 or AUDIT_ARCH_AARCH64; 0 on any other architecture,
/// where no filter of the project's is installed.
#if defined(__x86_64__)
inline constexpr std::uint32_t kAuditArch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
inline constexpr std::uint32_t kAuditArch = AUDIT_ARCH_AARCH64;
#else
inline constexpr std::uint32_t kAuditArch = 0;
#endif

}  // namespace probe
