// What one attempt of a system call produced, and how a child's wait status
// and report become that outcome. Pure: no system calls here.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace probe {

/// The observable result of one attempt, as in the JSON `outcome` object.
struct Outcome {
  enum class Kind : std::uint8_t { Returned, Errno, Signal, Timeout, Error };
  Kind kind = Kind::Error;
  std::int64_t value = 0;       ///< Returned: the return value
  int err = 0;                  ///< Errno: the errno
  int signal = 0;               ///< Signal: the signal that ended the child
  bool seccomp_signal = false;  ///< Signal: siginfo said SYS_SECCOMP (TRAP)
  int timeout_ms = 0;           ///< Timeout: the limit
  std::string error;            ///< Error: what the probe could not do
  double elapsed_ms = 0;
};

/// What the attempting child tells its parent about one call, in memory both
/// see (attempt-linux.cc's board): once after the call returned, or from its
/// SIGSYS handler. Plain bytes.
struct ChildRecord {
  /// kUnshareFailed: the child could not enter the user namespace the
  /// request asked for (SyscallRequest::own_user_namespace); `err` says why.
  enum Type : std::int32_t { kReturned = 1, kSigsys = 2, kUnshareFailed = 3 };
  std::int32_t type = 0;
  std::int32_t index = 0;       ///< which request of a batch this answers
  std::int32_t err = 0;         ///< kReturned: errno when ret == -1
  std::int64_t ret = 0;         ///< kReturned: the raw return of syscall(2)
  std::int32_t si_code = 0;     ///< kSigsys: siginfo si_code
  std::int32_t syscall_nr = 0;  ///< kSigsys: siginfo si_syscall
};

/// Turns what the parent saw into an Outcome.
/// `record` is the bytes read from the pipe (empty if the child died before
/// writing); `wait_status` is waitpid's status.
/// - a complete kReturned record: Returned (ret != -1) or Errno (ret == -1);
/// - a kSigsys record with si_code SYS_SECCOMP: Signal SIGSYS, seccomp_signal;
/// - a kUnshareFailed record: Error naming unshare's errno;
/// - otherwise a child killed by a signal: Signal with that number;
/// - otherwise (exited without a record): Error saying so.
Outcome decode_attempt(std::string_view record, int wait_status);

/// "SIGILL" for 4, "signal 77" for an unknown number.
std::string signal_name(int sig);
/// "ENOSYS" for 38, "errno 4000" for an unknown number.
std::string errno_name(int err);

/// errno_name() of an errno the probe names ("EBADF"), as a literal; "" for
/// any other.
std::string_view errno_literal(int err);

/// One-line rendering of an outcome: "returned 42", "ENOSYS", "SIGILL",
/// "SIGSYS (seccomp)" (a seccomp TRAP), "timeout 2000 ms", "error" (the
/// reason is in Outcome::error).
std::string describe(const Outcome& outcome);

}  // namespace probe
