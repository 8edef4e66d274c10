// Asking the seccomp filters who answers (System::ask_filters, system.h).
//
// The asking child is a copy of the probe (its own memory, as fork gives)
// that shares the probe's file table (CLONE_FILES): the listener fd its
// seccomp() returns is then the parent's too, with no call to pass it on
// (SCM_RIGHTS would need sendmsg, which a request may ask about; pidfd_getfd
// needs ptrace access, which a non-dumpable child refuses). The child sets
// no_new_privs (seccomp() demands it of a caller without CAP_SYS_ADMIN),
// installs "the asked numbers -> SECCOMP_RET_USER_NOTIF, the rest -> ALLOW"
// with SECCOMP_FILTER_FLAG_NEW_LISTENER (Linux 5.0), and makes the calls.
// The parent answers each notification itself, so nothing it asks about
// reaches the kernel: a call the filters above let through is notified and
// answered by the parent, one they refuse is answered by them. The child's
// no_new_privs therefore changes no answer, and rows the probe must never
// make twice as root (reboot, kexec_load, acct, ...) are not made again.
// A pipe shared the same way wakes the parent when the child has installed
// its filter (or failed to) and when it is done; a child that dies instead
// is found by waitpid every kSliceMs.
#include "filter_ask-linux.h"

#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <new>
#include <string>

#include "audit_arch.h"
#include "catalogue.h"
#include "monotonic-linux.h"
#include "raw_syscall-linux.h"
#include "sys_error.h"

namespace probe {

namespace {

// How often the parent looks for a child that died without a word.
constexpr int kSliceMs = 5;

// What the child tells the parent, in a MAP_SHARED page.
struct Shared {
  std::int64_t install = 0;  // 0: not yet; > 0: listener fd + 1; < 0: -errno
  std::int64_t stage = 0;    // what `install` < 0 failed at: 1 prctl, 2 seccomp
  std::int64_t current = 0;  // the call being made (index into the job)
  std::int64_t done = 0;     // calls answered: [first, done)
};

struct AskJob {
  Shared* shared = nullptr;
  const sock_fprog* prog = nullptr;
  // Where a listener is refused with EBUSY: the same numbers -> TRACE, and
  // per call of the job the raw return, in memory the parent sees.
  const sock_fprog* trace_prog = nullptr;
  std::int64_t* results = nullptr;
  const SyscallRequest* const* calls = nullptr;
  std::size_t first = 0;
  std::size_t end = 0;
  int wake_fd = -1;
};

void store(std::int64_t* where, std::int64_t value) {
  __atomic_store_n(where, value, __ATOMIC_RELEASE);
}
std::int64_t load(const std::int64_t* where) {
  return __atomic_load_n(where, __ATOMIC_ACQUIRE);
}

void wake(int fd) {
  const char c = 'w';
  raw_syscall(SYS_write, static_cast<std::uint64_t>(fd), reinterpret_cast<std::uintptr_t>(&c), 1);
}

// The child: raw calls only, from a copy of the parent's stack; no return.
[[noreturn]] void run_asking_child(const AskJob& job) {
  // A filter above may kill the child (KILL, TRAP without a handler): no core.
  raw_syscall(SYS_prctl, PR_SET_DUMPABLE, 0);
  long r = raw_syscall(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
  if (r < 0) {
    store(&job.shared->stage, 1);
  } else {
    r = raw_syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER,
                    reinterpret_cast<std::uintptr_t>(job.prog));
    store(&job.shared->stage, 2);
    // A listener is in the chain already: TRACE instead, no tracer (below).
    if (r == -EBUSY) {
      const long t = raw_syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0,
                                 reinterpret_cast<std::uintptr_t>(job.trace_prog));
      if (t == 0) store(&job.shared->stage, 3);
    }
  }
  store(&job.shared->install, r < 0 ? r : r + 1);
  wake(job.wake_fd);
  if (r >= 0 || load(&job.shared->stage) == 3) {
    for (std::size_t i = job.first; i < job.end; ++i) {
      const SyscallRequest& q = *job.calls[i];
      store(&job.shared->current, static_cast<std::int64_t>(i));
      job.results[i] =
          raw_syscall(q.nr, q.args[0], q.args[1], q.args[2], q.args[3], q.args[4], q.args[5]);
      store(&job.shared->done, static_cast<std::int64_t>(i) + 1);
    }
    wake(job.wake_fd);
  }
  raw_syscall(SYS_exit_group, 0);
  __builtin_unreachable();
}

// "numbers -> `action`, anything else (another architecture, x32) -> ALLOW".
std::vector<sock_filter> asking_program(const std::vector<long>& numbers, std::uint32_t action) {
  std::vector<sock_filter> prog{
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, kAuditArch, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
  };
  for (const long nr : numbers) {
    prog.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, static_cast<std::uint32_t>(nr), 0, 1));
    prog.push_back(BPF_STMT(BPF_RET | BPF_K, action));
  }
  prog.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
  return prog;
}

// Answers one notification on `listener`: the call it stands for gets ENOSYS
// from the parent, never the kernel. Returns the job's index of that call,
// read while the child still waits in it, or -1 if none was received.
std::int64_t answer_one(int listener, const Shared& shared) {
  struct seccomp_notif req {};
  if (::ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &req) != 0) return -1;
  const std::int64_t index = load(&shared.current);
  // The child may have been killed since: then there is nothing to answer.
  if (::ioctl(listener, SECCOMP_IOCTL_NOTIF_ID_VALID, &req.id) != 0) return index;
  struct seccomp_notif_resp resp {};
  resp.id = req.id;
  resp.error = -ENOSYS;
  ::ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp);
  return index;
}

// One child's run, as the parent saw it.
struct ChildRun {
  int status = 0;  // waitpid's
  std::int64_t install = 0;
  std::int64_t stage = 0;
  std::size_t done = 0;    // calls answered
  std::vector<char> seen;  // per call of the job: a notification came
};

// Watches child `pid` of `job` until it is reaped: answers its
// notifications, kills it when a call has made no progress for timeout_ms.
ChildRun supervise(pid_t pid, const AskJob& job, int wake_r, int timeout_ms) {
  ChildRun run;
  run.seen.assign(job.end, 0);
  int listener = -1;
  bool reaped = false;
  std::int64_t progress_at = now_ns();
  std::int64_t last_done = load(&job.shared->done);
  const std::int64_t limit = std::int64_t{timeout_ms} * 1000000;
  for (;;) {
    struct pollfd p[2] = {{wake_r, POLLIN, 0}, {listener, POLLIN, 0}};
    const int n = ::poll(p, listener >= 0 ? 2 : 1, kSliceMs);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      // Cannot watch any more: a child waiting for an answer would wait
      // forever, so it goes.
      ::kill(pid, SIGKILL);
      break;
    }
    if ((p[0].revents & POLLIN) != 0) {
      char buf[16];
      (void)::read(wake_r, buf, sizeof buf);
      const std::int64_t install = load(&job.shared->install);
      if (install > 0 && listener < 0) listener = static_cast<int>(install - 1);
      const bool traced = load(&job.shared->stage) == 3;
      if ((install < 0 && !traced) ||
          load(&job.shared->done) >= static_cast<std::int64_t>(job.end)) {
        break;
      }
    }
    // The filter has no user left (Linux 5.8+): the child is gone.
    if (listener >= 0 && (p[1].revents & (POLLHUP | POLLERR | POLLNVAL)) != 0) break;
    if (listener >= 0 && (p[1].revents & POLLIN) != 0) {
      const std::int64_t i = answer_one(listener, *job.shared);
      if (i >= 0 && static_cast<std::size_t>(i) < run.seen.size()) {
        run.seen[static_cast<std::size_t>(i)] = 1;
        progress_at = now_ns();
      }
    }
    if (const std::int64_t d = load(&job.shared->done); d != last_done) {
      last_done = d;
      progress_at = now_ns();
    }
    if (n == 0) {
      const pid_t w = ::waitpid(pid, &run.status, WNOHANG);
      if (w == pid) {
        reaped = true;
        break;
      }
      if (now_ns() - progress_at > limit) {
        ::kill(pid, SIGKILL);
        break;
      }
    }
  }
  while (!reaped && ::waitpid(pid, &run.status, 0) < 0 && errno == EINTR) {
  }
  run.install = load(&job.shared->install);
  run.stage = load(&job.shared->stage);
  run.done = static_cast<std::size_t>(load(&job.shared->done));
  // Still open only if the wake byte was not read: the child's end of the
  // table is gone with it, the parent's copy is closed here.
  if (listener < 0 && run.install > 0) listener = static_cast<int>(run.install - 1);
  if (listener >= 0) ::close(listener);
  return run;
}

std::string death(int status) {
  if (WIFSIGNALED(status)) {
    return "killed by signal " + std::to_string(WTERMSIG(status)) +
           (WTERMSIG(status) == SIGSYS ? " (SIGSYS: a seccomp filter refused it)" : "");
  }
  return "exited with status " + std::to_string(WEXITSTATUS(status));
}

}  // namespace

bool askable_nr(long nr) {
  switch (nr) {
    case SYS_write:
    case SYS_exit:
    case SYS_exit_group:
    case SYS_rt_sigreturn: return false;
    default: break;
  }
  // Asked, they would reach the kernel.
  if (seccomp_passthrough_here(nr)) return false;
  return nr >= 0 && kAuditArch != 0;
}

namespace {

// Asks about job.calls in a child, and in a fresh one after each child that
// died on a call, recording in `out` what each learned (calls[k] is the
// caller's request index[k]).
void ask_in_children(AskJob& job, const std::vector<std::size_t>& index, int wake_fd,
                     int timeout_ms, FilterAnswers& out) {
  while (job.first < job.end) {
    *job.shared = Shared{};
    job.shared->done = static_cast<std::int64_t>(job.first);
    // fork's semantics (a copy of the memory, the child returns here with 0)
    // plus the file table shared.
    const long pid = raw_syscall(SYS_clone, CLONE_FILES | SIGCHLD, 0, 0, 0, 0);
    if (pid == 0) run_asking_child(job);
    if (pid < 0) {
      out.install = FilterAnswers::Install::Refused;
      out.error = SysError{"clone", static_cast<int>(-pid)}.message();
      break;
    }
    const ChildRun run = supervise(static_cast<pid_t>(pid), job, wake_fd, timeout_ms);
    if (run.stage == 3) {
      // A listener in the chain (EBUSY), asked with TRACE and no tracer: a
      // call every filter let through gets ENOSYS from our filter without
      // being made; any other answer, or SIGSYS, is a filter's above it
      // (ERRNO, TRAP, KILL and USER_NOTIF outrank TRACE). An ENOSYS may
      // also be an ERRNO(ENOSYS) above: the caller weighs that (traced).
      out.install = FilterAnswers::Install::Busy;
      out.traced = true;
      for (std::size_t k = job.first; k < run.done && k < job.end; ++k) {
        out.notified[index[k]] = job.results[k] == -ENOSYS;
      }
      if (run.done >= job.end) break;
      if (WIFSIGNALED(run.status) && WTERMSIG(run.status) == SIGSYS) {
        out.notified[index[run.done]] = false;
      }
      job.first = run.done + 1;
      continue;
    }
    if (run.install <= 0) {
      const int err = static_cast<int>(-run.install);
      out.install = run.install < 0 && err == EBUSY && run.stage == 2
                        ? FilterAnswers::Install::Busy
                        : FilterAnswers::Install::Refused;
      if (run.install == 0) {
        out.error = "the asking child was " + death(run.status) + " before its filter was in";
      } else {
        out.error =
            SysError{run.stage == 1 ? "prctl(PR_SET_NO_NEW_PRIVS)" : "seccomp", err}.message();
      }
      break;
    }
    for (std::size_t k = job.first; k < run.done && k < job.end; ++k) {
      out.notified[index[k]] = run.seen[k] != 0;
    }
    if (run.done >= job.end) break;
    // The child ended making call run.done: a SIGSYS with no notification is
    // a filter above answering with TRAP or KILL; any other end leaves the
    // call unlearned. A fresh child asks about the rest.
    const std::size_t lost = run.done;
    if (run.seen[lost] != 0) {
      out.notified[index[lost]] = true;
    } else if (WIFSIGNALED(run.status) && WTERMSIG(run.status) == SIGSYS) {
      out.notified[index[lost]] = false;
    }
    job.first = lost + 1;
  }
}

}  // namespace

FilterAnswers ask_filters_linux(const std::vector<SyscallRequest>& reqs, int timeout_ms) {
  FilterAnswers out;
  out.notified.resize(reqs.size());
  std::vector<const SyscallRequest*> calls;
  std::vector<std::size_t> index;  // calls[k] is reqs[index[k]]
  std::vector<long> numbers;
  for (std::size_t i = 0; i < reqs.size(); ++i) {
    if (!askable_nr(reqs[i].nr)) continue;
    calls.push_back(&reqs[i]);
    index.push_back(i);
    numbers.push_back(reqs[i].nr);
  }
  std::sort(numbers.begin(), numbers.end());
  numbers.erase(std::unique(numbers.begin(), numbers.end()), numbers.end());
  out.install = FilterAnswers::Install::Installed;
  if (calls.empty()) return out;
  std::vector<sock_filter> prog = asking_program(numbers, SECCOMP_RET_USER_NOTIF);
  std::vector<sock_filter> trace = asking_program(numbers, SECCOMP_RET_TRACE);
  if (prog.size() > BPF_MAXINSNS) {
    out.install = FilterAnswers::Install::Refused;
    out.error = "too many numbers for one filter (" + std::to_string(numbers.size()) + ")";
    return out;
  }
  const sock_fprog fprog{static_cast<unsigned short>(prog.size()), prog.data()};
  const sock_fprog tprog{static_cast<unsigned short>(trace.size()), trace.data()};
  const std::size_t bytes = sizeof(Shared) + sizeof(std::int64_t) * calls.size();
  void* page = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (page == MAP_FAILED) {
    out.install = FilterAnswers::Install::Refused;
    out.error = SysError{"mmap", errno}.message();
    return out;
  }
  int wake[2];
  if (::pipe2(wake, O_CLOEXEC) != 0) {
    out.install = FilterAnswers::Install::Refused;
    out.error = SysError{"pipe2", errno}.message();
    ::munmap(page, bytes);
    return out;
  }
  auto* shared = new (page) Shared;
  auto* results = reinterpret_cast<std::int64_t*>(static_cast<char*>(page) + sizeof(Shared));
  AskJob job{shared, &fprog, &tprog, results, calls.data(), 0, calls.size(), wake[1]};
  ask_in_children(job, index, wake[0], timeout_ms, out);
  ::close(wake[0]);
  ::close(wake[1]);
  ::munmap(page, bytes);
  return out;
}

}  // namespace probe
