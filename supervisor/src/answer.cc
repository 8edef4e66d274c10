#include "answer.h"

#include <audit_arch.h>
#include <linux/syscall_probe.h>

#include <cerrno>

namespace supervisor {

namespace {

constexpr std::uint32_t kNativeArch = probe::kAuditArch;
static_assert(kNativeArch != 0, "the supervisor knows x86_64 and arm64");

}  // namespace

Reply answer(const Call& call) {
  if (call.nr != SYSCALL_PROBE_NR || call.arch != kNativeArch) return {};
  // The same rule as the kernel patch, from the same header.
  if ((call.token & ~static_cast<std::uint64_t>(SYSCALL_PROBE_TOKEN_MASK)) != 0)
    return {Reply::Kind::Error, 0, EINVAL};
  return {Reply::Kind::Value, static_cast<std::int64_t>(call.token ^ SYSCALL_PROBE_MAGIC), 0};
}

}  // namespace supervisor
