#include "outcome.h"

#include <sys/wait.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <utility>

#ifndef SYS_SECCOMP
#define SYS_SECCOMP 1  // si_code of a SIGSYS raised by a seccomp TRAP action
#endif

namespace probe {

namespace {

struct Named {
  int number;
  const char* name;
};

// The errnos and signals a probe can plausibly meet. strerrorname_np would do
// but is glibc >= 2.32 only; a table keeps the output stable across libcs.
constexpr std::array kErrnos{
    Named{EPERM, "EPERM"},
    Named{ENOENT, "ENOENT"},
    Named{ESRCH, "ESRCH"},
    Named{ENXIO, "ENXIO"},
    Named{ENOEXEC, "ENOEXEC"},
    Named{EDEADLK, "EDEADLK"},
    Named{ENOLCK, "ENOLCK"},
    Named{EMSGSIZE, "EMSGSIZE"},
    Named{EPROTONOSUPPORT, "EPROTONOSUPPORT"},
    Named{EALREADY, "EALREADY"},
    Named{EINPROGRESS, "EINPROGRESS"},
    Named{ECANCELED, "ECANCELED"},
    Named{EINTR, "EINTR"},
    Named{EIO, "EIO"},
    Named{E2BIG, "E2BIG"},
    Named{EBADF, "EBADF"},
    Named{ECHILD, "ECHILD"},
    Named{EAGAIN, "EAGAIN"},
    Named{ENOMEM, "ENOMEM"},
    Named{EACCES, "EACCES"},
    Named{EFAULT, "EFAULT"},
    Named{EBUSY, "EBUSY"},
    Named{EEXIST, "EEXIST"},
    Named{ENODEV, "ENODEV"},
    Named{ENOTDIR, "ENOTDIR"},
    Named{EISDIR, "EISDIR"},
    Named{EINVAL, "EINVAL"},
    Named{EMFILE, "EMFILE"},
    Named{ENOTTY, "ENOTTY"},
    Named{ENOSPC, "ENOSPC"},
    Named{ESPIPE, "ESPIPE"},
    Named{EROFS, "EROFS"},
    Named{ERANGE, "ERANGE"},
    Named{ENAMETOOLONG, "ENAMETOOLONG"},
    Named{ENOSYS, "ENOSYS"},
    Named{ENOTEMPTY, "ENOTEMPTY"},
    Named{ELOOP, "ELOOP"},
    Named{ENODATA, "ENODATA"},
    Named{EOVERFLOW, "EOVERFLOW"},
    Named{EOPNOTSUPP, "EOPNOTSUPP"},
    Named{ETIMEDOUT, "ETIMEDOUT"},
    Named{ENOTCONN, "ENOTCONN"},
    Named{ENOTSOCK, "ENOTSOCK"},
    Named{EXDEV, "EXDEV"},
    Named{ESTALE, "ESTALE"},
    Named{ENOLINK, "ENOLINK"},
};

constexpr std::array kSignals{
    Named{SIGHUP, "SIGHUP"},   Named{SIGINT, "SIGINT"},   Named{SIGQUIT, "SIGQUIT"},
    Named{SIGILL, "SIGILL"},   Named{SIGTRAP, "SIGTRAP"}, Named{SIGABRT, "SIGABRT"},
    Named{SIGBUS, "SIGBUS"},   Named{SIGFPE, "SIGFPE"},   Named{SIGKILL, "SIGKILL"},
    Named{SIGUSR1, "SIGUSR1"}, Named{SIGSEGV, "SIGSEGV"}, Named{SIGUSR2, "SIGUSR2"},
    Named{SIGPIPE, "SIGPIPE"}, Named{SIGALRM, "SIGALRM"}, Named{SIGTERM, "SIGTERM"},
    Named{SIGCHLD, "SIGCHLD"}, Named{SIGCONT, "SIGCONT"}, Named{SIGSTOP, "SIGSTOP"},
    Named{SIGXCPU, "SIGXCPU"}, Named{SIGXFSZ, "SIGXFSZ"}, Named{SIGSYS, "SIGSYS"},
};

template <std::size_t N>
const char* lookup(const std::array<Named, N>& table, int number) {
  for (const auto& entry : table) {
    if (entry.number == number) return entry.name;
  }
  return nullptr;
}

}  // namespace

std::string signal_name(int sig) {
  const char* name = lookup(kSignals, sig);
  return name != nullptr ? name : "signal " + std::to_string(sig);
}

std::string_view errno_literal(int err) {
  // By number, from a table the compiler builds: a census names ~800 errnos
  // and a search of kErrnos for each was a visible share of it.
  static constexpr auto kByNumber = [] {
    std::array<const char*, 256> at{};
    for (const auto& e : kErrnos) at.at(static_cast<std::size_t>(e.number)) = e.name;
    return at;
  }();
  const char* name = err >= 0 && static_cast<std::size_t>(err) < kByNumber.size()
                         ? kByNumber[static_cast<std::size_t>(err)]
                         : nullptr;
  return name != nullptr ? std::string_view(name) : std::string_view();
}

std::string errno_name(int err) {
  const std::string_view name = errno_literal(err);
  return name.empty() ? "errno " + std::to_string(err) : std::string(name);
}

Outcome decode_attempt(std::string_view record, int wait_status) {
  Outcome out;
  ChildRecord rec;
  const bool complete = record.size() >= sizeof rec;
  if (complete) std::memcpy(&rec, record.data(), sizeof rec);

  if (complete && rec.type == ChildRecord::kSigsys) {
    out.kind = Outcome::Kind::Signal;
    out.signal = SIGSYS;
    out.seccomp_signal = rec.si_code == SYS_SECCOMP;
    return out;
  }
  if (complete && rec.type == ChildRecord::kReturned) {
    if (rec.ret == -1) {
      out.kind = Outcome::Kind::Errno;
      out.err = rec.err;
    } else {
      out.kind = Outcome::Kind::Returned;
      out.value = rec.ret;
    }
    return out;
  }
  if (complete && rec.type == ChildRecord::kUnshareFailed) {
    out.error = "the call was not made: unshare(CLONE_NEWUSER) failed with " + errno_name(rec.err);
    return out;
  }
  if (WIFSIGNALED(wait_status)) {
    out.kind = Outcome::Kind::Signal;
    out.signal = WTERMSIG(wait_status);
    return out;
  }
  out.kind = Outcome::Kind::Error;
  if (WIFEXITED(wait_status)) {
    out.error = "the attempting child exited with status " +
                std::to_string(WEXITSTATUS(wait_status)) + " before reporting";
  } else {
    out.error = "the attempting child ended with wait status " + std::to_string(wait_status) +
                " before reporting";
  }
  return out;
}

std::string describe(const Outcome& o) {
  switch (o.kind) {
    case Outcome::Kind::Returned: return "returned " + std::to_string(o.value);
    case Outcome::Kind::Errno: return errno_name(o.err);
    case Outcome::Kind::Signal:
      return signal_name(o.signal) + (o.seccomp_signal ? " (seccomp)" : "");
    case Outcome::Kind::Timeout: return "timeout " + std::to_string(o.timeout_ms) + " ms";
    case Outcome::Kind::Error: return "error";
  }
  return "?";
}

}  // namespace probe
