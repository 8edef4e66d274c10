// The one narrow door to the kernel. Everything that interprets lives
// elsewhere and is tested against a scripted fake of this interface
// (probe/test/fake_system.h); the real one is system-linux.cc.
#pragma once

#include <array>
#include <cerrno>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "outcome.h"
#include "sys_error.h"

namespace probe {

struct UtsName {
  std::string sysname, nodename, release, version, machine;
};

/// One system call to attempt.
struct SyscallRequest {
  long nr = 0;
  std::array<std::uint64_t, 6> args{};
  /// The call needs a child with its own copy of the probe's memory (a
  /// fork), not one sharing it: set for a call the catalogue has not vetted
  /// to leave the memory map alone (any `--nr` but the project's own).
  bool own_memory = false;
  /// The call is made in a user namespace of the child's own
  /// (unshare(CLONE_NEWUSER) first), where it holds every capability: a
  /// check on a capability in the caller's own namespace then passes, one in
  /// an ancestor's still fails. The child has its own memory too. Where
  /// unshare is refused, the outcome is an Error saying so.
  bool own_user_namespace = false;
};

/// What the probe's own seccomp filter learned about a batch of calls
/// (System::ask_filters).
struct FilterAnswers {
  enum class Install : std::uint8_t {
    /// Installed in every child that asked: `notified` holds the answers.
    Installed,
    /// seccomp() answered EBUSY: the kernel allows one listener per filter
    /// chain, and one is there already, so a seccomp supervisor (a process
    /// answering this process's calls through SECCOMP_RET_USER_NOTIF) is
    /// attached to this process.
    Busy,
    /// It could not be installed or asked; `error` says what failed.
    Refused,
  };
  Install install = Install::Refused;
  /// Busy, and asked all the same with a filter of SECCOMP_RET_TRACE and no
  /// tracer: a call every filter let through got ENOSYS from it without
  /// being made (`notified` true), any other answer was a filter's above
  /// (false). Only for a call whose plain answer was not ENOSYS does true
  /// prove it: an ERRNO(ENOSYS) above looks the same.
  bool traced = false;
  std::string error;  ///< Refused: "seccomp: Invalid argument", ...
  /// One per request. true: the probe's filter was notified of the call, so
  /// every filter installed before it let the call through (no ERRNO, TRAP
  /// or KILL; a TRACE or LOG action looks like ALLOW). false: the call was
  /// answered without a notification, so a filter installed before it
  /// answered (its action outranks USER_NOTIF). nullopt: not learned (not
  /// asked: see ask_filters; or the child was lost first).
  std::vector<std::optional<bool>> notified;
};

class System {
 public:
  virtual ~System() = default;

  virtual Result<UtsName> uname() = 0;

  /// The whole content of a small file (/proc/self/status, /.dockerenv).
  virtual Result<std::string> read_file(const std::string& path) = 0;

  /// The target of a symbolic link (/proc/self/ns/uts -> "uts:[4026531838]").
  virtual Result<std::string> readlink(const std::string& path) = 0;

  /// Makes the call in a child process and reports what happened. Never
  /// throws and never lets the child's fate or anything the call changes
  /// (signal dispositions, limits, prctl state, fds) reach the caller: a
  /// failure to start the child is an Outcome of kind Error; a child still
  /// running after `timeout_ms` is killed and reaped (kind Timeout).
  virtual Outcome attempt(const SyscallRequest& request, int timeout_ms) = 0;

  /// Makes every call, in order, each as if by attempt(), and returns one
  /// Outcome per request. The real door runs the calls one after another in
  /// one child, which shares the probe's memory until it exits (CLONE_VM
  /// without CLONE_VFORK: no page is copied; a request with `own_memory`
  /// gets a forked child), and starts a fresh child only after one dies or
  /// times out, so a batch costs a few children instead of one per call.
  /// `meanwhile`, unless empty, is called exactly once in the caller: the
  /// real door calls it as soon as its first child is making the calls, so
  /// work that needs no outcome (reading /proc) runs beside them, on another
  /// CPU where there is one; a call that overstays `timeout_ms` meanwhile is
  /// killed once `meanwhile` has returned. An exception from `meanwhile`
  /// leaves after every child is reaped. The default calls `meanwhile`, then
  /// attempt() for each.
  virtual std::vector<Outcome> attempt_all(const std::vector<SyscallRequest>& requests,
                                           int timeout_ms, const std::function<void()>& meanwhile) {
    if (meanwhile) meanwhile();
    std::vector<Outcome> out;
    out.reserve(requests.size());
    for (const auto& r : requests) out.push_back(attempt(r, timeout_ms));
    return out;
  }

  /// Asks the seccomp filters already installed who answers each call,
  /// without making any of them: a child sets no_new_privs, installs a filter
  /// of the probe's own that returns SECCOMP_RET_USER_NOTIF for the requests'
  /// numbers (one filter, one listener, for all of them), then makes the
  /// calls; the caller answers every notification itself, so no call reaches
  /// the kernel (a call the filters above answer never does either). The
  /// kernel keeps the action of highest precedence over all filters (KILL >
  /// TRAP > ERRNO > USER_NOTIF > TRACE > LOG > ALLOW): a notification proves
  /// the filters above let the call through. Never throws; a child lost to a
  /// signal other than SIGSYS leaves its call unlearned and the rest go to a
  /// fresh child. Requests whose number the child needs itself (write, exit,
  /// exit_group, rt_sigreturn) or that seccomp never filters (uretprobe,
  /// uprobe on x86_64) are not asked. The default answers Refused.
  virtual FilterAnswers ask_filters(const std::vector<SyscallRequest>& requests, int timeout_ms) {
    (void)timeout_ms;
    FilterAnswers a;
    a.error = "this System cannot install seccomp filters";
    a.notified.resize(requests.size());
    return a;
  }

  /// The active security modules' LSM_ID_* numbers, in the kernel's order,
  /// from lsm_list_modules (Linux 6.8+), made in a child as attempt() makes a
  /// call (a filter may kill it); the error says how the call failed. The
  /// default answers ENOSYS.
  virtual Result<std::vector<std::uint64_t>> lsm_list_modules(int timeout_ms) {
    (void)timeout_ms;
    return SysError{"lsm_list_modules", ENOSYS};
  }

  /// Streams up to `length` bytes of `path`, starting at byte `offset`, to
  /// `chunk` in pieces of any size, until done or until `chunk` returns
  /// false. Returns how many bytes it delivered (fewer than `length` when
  /// the file ends first), or the error that stopped it. Reads at most a
  /// fixed-size buffer at a time, never the whole file (/proc/kallsyms: the
  /// kernel formats each piece as it is read).
  virtual Result<std::uint64_t> stream_file(const std::string& path, std::uint64_t offset,
                                            std::uint64_t length,
                                            const std::function<bool(std::string_view)>& chunk) = 0;

  /// 32 random bits (getrandom).
  virtual std::uint32_t random_u32() = 0;

  /// Whether standard output is a terminal.
  virtual bool stdout_is_tty() = 0;
};

/// The real door: system-linux.cc.
std::unique_ptr<System> make_linux_system();

}  // namespace probe
