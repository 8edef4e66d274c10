#include "answer.h"

#include <linux/audit.h>
#include <linux/syscall_probe.h>

#include <cerrno>

namespace supervisor {

namespace {

#if defined(__x86_64__)
constexpr std::uint32_t kNativeArch = AUDIT_ARCH_X86_64;
#elif defined(__aarch64__)
constexpr std::uint32_t kNativeArch = AUDIT_ARCH_AARCH64;
#else
#error "the supervisor knows x86_64 and arm64"
#endif

}  // namespace

Reply answer(const Call& call) {
  if (call.nr != SYSCALL_PROBE_NR || call.arch != kNativeArch) return {};
  // The same rule as the kernel patch, from the same header.
  if ((call.token & ~static_cast<std::uint64_t>(SYSCALL_PROBE_TOKEN_MASK)) != 0)
    return {Reply::Kind::Error, 0, EINVAL};
  return {Reply::Kind::Value, static_cast<std::int64_t>(call.token ^ SYSCALL_PROBE_MAGIC), 0};
}

}  // namespace supervisor
