// What the supervisor answers for one notified system call: a pure function,
// apart from the listener it serves (supervise-linux.h).
#pragma once

#include <cstdint>

namespace supervisor {

/// The facts of one seccomp notification the answer depends on: no more
/// (the caller's memory is never read).
struct Call {
  int nr = -1;
  std::uint32_t arch = 0;   ///< AUDIT_ARCH_* of the caller
  std::uint64_t token = 0;  ///< the first argument
};

/// The reply to one notification.
struct Reply {
  enum class Kind {
    Continue,  ///< the kernel runs the call as if no supervisor were there
    Value,     ///< the call returns `value`
    Error,     ///< the call fails with errno `error`
  };
  Kind kind = Kind::Continue;
  std::int64_t value = 0;
  int error = 0;
};

/// Syscall 548 on this machine's native architecture is answered as the
/// kernel patch (kernel/syscall_probe/syscall_probe.c) answers it: token ^
/// SYSCALL_PROBE_MAGIC, or EINVAL for a token outside
/// SYSCALL_PROBE_TOKEN_MASK. Every other call, and 548 of another
/// architecture's table, continues to the kernel.
Reply answer(const Call& call);

}  // namespace supervisor
