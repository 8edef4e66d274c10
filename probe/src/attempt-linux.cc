// The attempting machine (attempt-linux.h): children that make the calls,
// the board they answer on, and the parent's wait with its timeout.
#include "attempt-linux.h"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <exception>

#include "monotonic-linux.h"
#include "raw_syscall-linux.h"
#include "sys_error.h"

#if defined(__x86_64__)
// What a signal handler returns to. x86_64 builds no signal frame without
// one (SA_RESTORER) and glibc's is private; arm64 uses the vDSO's. The
// child's SIGSYS handler never returns, but its frame must exist. A naked
// function rather than top-level asm, which link-time optimisation may put in
// another partition than its caller.
extern "C" [[gnu::naked, gnu::used]] void probe_rt_sigreturn() {
  asm volatile(
      "movq $15, %rax\n\t"  // __NR_rt_sigreturn
      "syscall");
}
#endif

namespace probe {

namespace {

// --- The attempting child ---------------------------------------------------
//
// Each attempt runs in a child, so a death (SIGSYS, SIGILL, SIGSEGV), a hang
// or any change the call makes to the caller stays the child's. By default
// the child shares the probe's memory (clone with CLONE_VM, as posix_spawn's
// vfork does): no page tables are copied and no page is copied on write, the
// cost a forked child paid on every page either side touched. The child keeps
// its own everything else (no CLONE_THREAD, CLONE_SIGHAND, CLONE_FILES or
// CLONE_FS: its signal dispositions, rlimits, fds, umask, no_new_privs and
// seccomp state are copies). Unlike vfork the parent is not suspended
// (no CLONE_VFORK): it sleeps on a pipe whose end tells it the child exited,
// looks at the board (below) every kCheckMs, and kills a child whose call has
// overstayed the timeout.
//
// Sharing the memory binds the child:
// - it makes raw system calls only: glibc's wrappers set errno, which lives in
//   the parent's thread (the child runs on the parent's TLS); its clock is
//   clock_gettime through the vDSO, which writes errno only on failure;
// - it allocates nothing, takes no lock and reads only prepared data (the
//   ChildJob and the requests), which the parent leaves untouched until it
//   has reaped the child; it writes only its own stack, the board and the two
//   globals of its SIGSYS handler;
// - it runs on g_child_stack, reused only once the previous child is reaped;
// - the calls it makes must leave the memory map alone: every catalogue row
//   fails before it maps, unmaps, locks or protects anything
//   (docs/catalogue.md); a request the catalogue has not vetted
//   (SyscallRequest::own_memory) runs in a forked child instead;
// - the memory is made non-dumpable first, for as long as a child shares it
//   (attempt_all): before Linux 5.16 a core dump killed every process sharing
//   the dumping one's memory (fs/coredump.c zap_threads, "coredump: Limit
//   coredumps to a single thread group"), and a seccomp KILL dumps core, so
//   a child killed by a filter would take the probe with it. Non-dumpable,
//   no dump is even tried (do_coredump), and no core file is left either.
// Where CLONE_VM is refused (qemu-user answers EINVAL: it only emulates
// CLONE_VM for threads) the door forks, as it always did.

// Sanitizer builds fork: AddressSanitizer keeps its own books of stacks and
// shadow memory, which a second process on the same memory would confuse.
#if defined(__SANITIZE_ADDRESS__)
#define PROBE_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PROBE_SANITIZED 1
#endif
#endif
#if (defined(__x86_64__) || defined(__aarch64__)) && !defined(PROBE_SANITIZED)
constexpr bool kCanShareMemory = true;
#else
constexpr bool kCanShareMemory = false;
#endif

// The kernel's struct sigaction for rt_sigaction (x86_64 and arm64 alike).
struct KernelSigaction {
  void (*handler)(int, siginfo_t*, void*);
  unsigned long flags;
  void (*restorer)();
  std::uint64_t mask;
};
constexpr unsigned long kSaRestorer = 0x04000000;

// What the child tells the parent, per request, in memory both see: a
// MAP_SHARED mapping, so a forked child's writes arrive too. The parent
// reads a record once `done` has passed it (release/acquire), and the start
// stamp of the call in progress to time it out. No pipe traffic per call:
// the parent sleeps until the child exits or a call overstays.
struct Slot {
  ChildRecord record;
  std::int64_t started_ns = 0;  // CLOCK_MONOTONIC just before the call; 0: not begun
  std::int64_t ended_ns = 0;    // once it returned
};
struct Board {
  std::int64_t* done = nullptr;  // slots [0, *done) hold their answer
  Slot* slots = nullptr;         // one per request
};
// The mapping: `done` alone in its cache line, then the slots.
constexpr std::size_t kSlotsOffset = 64;

// What one child does: requests[first, end), answered on the board. It
// inherits the only other copy of a pipe's write end, so the parent reads
// EOF from that pipe once the child is gone.
struct ChildJob {
  Board* board = nullptr;
  const SyscallRequest* requests = nullptr;
  std::size_t first = 0;
  std::size_t end = 0;
};

// The child's stack while it shares the parent's memory. Static, so it costs
// no allocation; its depth is the child's few frames and one signal frame.
alignas(64) char g_child_stack[64 * 1024];

// Written only by a child, read by its SIGSYS handler.
const Board* volatile g_board = nullptr;
volatile std::int32_t g_index = 0;

void publish(const Board& board, std::size_t index) {
  __atomic_store_n(board.done, static_cast<std::int64_t>(index) + 1, __ATOMIC_RELEASE);
}

// A seccomp TRAP action raises SIGSYS with si_code SYS_SECCOMP: tell the
// parent (that is the evidence of a TRAP), then die of the signal. SA_RESETHAND
// and SA_NODEFER make the second SIGSYS take the default action at once.
void on_sigsys(int /*sig*/, siginfo_t* info, void* /*context*/) {
  const Board& board = *g_board;
  Slot& slot = board.slots[g_index];
  slot.record.type = ChildRecord::kSigsys;
  slot.record.index = g_index;
  slot.record.si_code = info->si_code;
#ifdef si_syscall
  slot.record.syscall_nr = info->si_syscall;
#endif
  slot.ended_ns = now_ns();
  publish(board, static_cast<std::size_t>(g_index));
  raw_syscall(SYS_kill, static_cast<std::uint64_t>(raw_syscall(SYS_getpid)), SIGSYS);
  raw_syscall(SYS_exit_group, 128 + SIGSYS);
}

// Makes the job's requests in order and answers each on the board.
[[noreturn]] void run_child(const ChildJob& job) {
  g_board = job.board;
  // A dying child must not leave a core file (or feed a core pipe helper).
  // Sharing the parent's memory it is non-dumpable already (attempt_all).
  raw_syscall(SYS_prctl, PR_SET_DUMPABLE, 0);
  KernelSigaction sa{};
  sa.handler = on_sigsys;
  sa.flags = SA_SIGINFO | SA_RESETHAND | SA_NODEFER;
#if defined(__x86_64__)
  sa.flags |= kSaRestorer;
  sa.restorer = probe_rt_sigreturn;
#endif
  raw_syscall(SYS_rt_sigaction, SIGSYS, reinterpret_cast<std::uintptr_t>(&sa), 0, sizeof sa.mask);

  // A job's requests all share own_user_namespace (run_children).
  long unshared = 0;
  if (job.requests[job.first].own_user_namespace)
    unshared = raw_syscall(SYS_unshare, CLONE_NEWUSER);
  for (std::size_t i = job.first; i < job.end; ++i) {
    const SyscallRequest& req = job.requests[i];
    Slot& slot = job.board->slots[i];
    g_index = static_cast<std::int32_t>(i);
    if (unshared < 0) {
      slot.record.type = ChildRecord::kUnshareFailed;
      slot.record.index = static_cast<std::int32_t>(i);
      slot.record.err = static_cast<std::int32_t>(-unshared);
      publish(*job.board, i);
      continue;
    }
    __atomic_store_n(&slot.started_ns, now_ns(), __ATOMIC_RELAXED);
    const long ret = raw_syscall(req.nr, req.args[0], req.args[1], req.args[2], req.args[3],
                                 req.args[4], req.args[5]);
    slot.ended_ns = now_ns();
    slot.record.type = ChildRecord::kReturned;
    slot.record.index = static_cast<std::int32_t>(i);
    // As syscall(2) reports it: -1 and the errno for -4095..-1.
    const bool failed = ret < 0 && ret >= -4095;
    slot.record.ret = failed ? -1 : ret;
    slot.record.err = failed ? static_cast<std::int32_t>(-ret) : 0;
    publish(*job.board, i);
  }
  raw_syscall(SYS_exit_group, 0);
  __builtin_unreachable();
}

int child_entry(void* job) {
  run_child(*static_cast<const ChildJob*>(job));
}

// Starts a child for `job`, sharing the memory if `share`; -1 and errno on
// failure.
pid_t start_child(const ChildJob& job, bool share) {
  if (share) {
    return ::clone(child_entry, g_child_stack + sizeof g_child_stack, CLONE_VM | SIGCHLD,
                   const_cast<ChildJob*>(&job));
  }
  const pid_t pid = ::fork();
  if (pid == 0) run_child(job);
  return pid;
}

// How often the parent looks at the board while a child runs: a call that
// overstays its limit is killed at most this late. A census takes ~1 ms, so
// it sees no such wake-up at all.
constexpr int kCheckMs = 20;

// The caller's work beside the first child (attempt_all): run once, its
// exception held until every child is reaped, for the child may still be
// reading the job on the parent's stack.
class Meanwhile {
 public:
  explicit Meanwhile(const std::function<void()>& work) : work_(work) {}
  bool pending() const { return !done_ && work_; }
  void run() {
    if (!pending()) return;
    done_ = true;
    try {
      work_();
    } catch (...) {
      failure_ = std::current_exception();
    }
  }
  void rethrow() const {
    if (failure_) std::rethrow_exception(failure_);
  }

 private:
  const std::function<void()>& work_;
  bool done_ = false;
  std::exception_ptr failure_;
};

// Keeps a child off the caller's CPU while the caller works beside it,
// then lets it back: on the 2-vCPU VM here the scheduler left a new child
// on its parent's CPU until the parent slept, so its first call came
// 170-210 us after clone, once the /proc reads were done; moved, 65 us,
// and the census took 0.23 ms less (1.3 vs 1.55 ms). Best effort: one
// allowed CPU, or a filter refusing the calls, leaves it where it was.
class OffThisCpu {
 public:
  explicit OffThisCpu(pid_t child) : child_(child) {
    if (::sched_getaffinity(0, sizeof allowed_, &allowed_) != 0) return;
    const int here = ::sched_getcpu();
    if (here < 0 || here >= CPU_SETSIZE || CPU_COUNT(&allowed_) < 2) return;
    cpu_set_t others = allowed_;
    CPU_CLR(static_cast<std::size_t>(here), &others);
    moved_ = CPU_COUNT(&others) > 0 && ::sched_setaffinity(child_, sizeof others, &others) == 0;
  }
  ~OffThisCpu() {
    if (moved_) ::sched_setaffinity(child_, sizeof allowed_, &allowed_);
  }
  OffThisCpu(const OffThisCpu&) = delete;
  OffThisCpu& operator=(const OffThisCpu&) = delete;

 private:
  pid_t child_;
  cpu_set_t allowed_{};
  bool moved_ = false;
};

// Sleeps until the child exits (EOF on `eof_fd`: it held the only write
// end) or until the call it is making has run `timeout_ms` (true). No
// pidfd, which a seccomp profile may refuse.
bool wait_for_child(int eof_fd, const Board& board, const ChildJob& job, std::int64_t born,
                    int timeout_ms) {
  const std::int64_t limit = std::int64_t{timeout_ms} * 1000000;
  for (;;) {
    const auto done = static_cast<std::size_t>(__atomic_load_n(board.done, __ATOMIC_ACQUIRE));
    // Since when the child has been at its current call (or, all
    // answered, at its exit).
    std::int64_t since = born;
    if (done < job.end) {
      const std::int64_t started = __atomic_load_n(&board.slots[done].started_ns, __ATOMIC_RELAXED);
      if (started > 0) since = started;
    } else if (done > job.first) {
      since = board.slots[done - 1].ended_ns;
    }
    const std::int64_t left = since + limit - now_ns();
    if (left <= 0) {
      // Unless that call has just been answered.
      if (static_cast<std::size_t>(__atomic_load_n(board.done, __ATOMIC_ACQUIRE)) == done) {
        return true;
      }
      continue;
    }
    struct pollfd p {
      eof_fd, POLLIN, 0
    };
    const int wait_ms = static_cast<int>(std::min<std::int64_t>(left / 1000000 + 1, kCheckMs));
    const int r = ::poll(&p, 1, wait_ms);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return false;  // cannot wait any more: reap
    if (r == 0) continue;
    char c = 0;
    const ssize_t n = ::read(eof_fd, &c, 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;  // EOF: the child is gone
  }
}

// Makes `reqs` in as few children as their kinds allow; `share_memory`
// turns false, for this and every later batch, once CLONE_VM is refused.
std::vector<Outcome> run_children(const std::vector<SyscallRequest>& reqs, int timeout_ms,
                                  bool share, bool& share_memory, Meanwhile& beside) {
  std::vector<Outcome> out(reqs.size());
  if (reqs.empty()) return out;
  const std::size_t bytes = kSlotsOffset + sizeof(Slot) * reqs.size();
  void* map = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (map == MAP_FAILED) {
    const std::string why = SysError{"mmap", errno}.message();
    for (auto& o : out) o.error = why;  // kind Error
    return out;
  }
  Board board;
  board.done = static_cast<std::int64_t*>(map);
  board.slots = reinterpret_cast<Slot*>(static_cast<char*>(map) + kSlotsOffset);
  std::size_t next = 0;  // the first request without an outcome yet
  while (next < reqs.size()) {
    const std::int64_t born = now_ns();
    auto fail_rest = [&](const char* what, int err) {
      for (std::size_t i = next; i < reqs.size(); ++i) {
        out[i].kind = Outcome::Kind::Error;
        out[i].error = SysError{what, err}.message();
      }
      out[next].elapsed_ms = static_cast<double>(now_ns() - born) / 1e6;
      next = reqs.size();
    };
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
      fail_rest("pipe2", errno);
      break;
    }
    // One child makes a run of requests that may share the memory, or
    // one that may not (own_memory), in a user namespace of its own or
    // not, up to the next change.
    ChildJob job{&board, reqs.data(), next, next + 1};
    while (job.end < reqs.size() && reqs[job.end].own_memory == reqs[next].own_memory &&
           reqs[job.end].own_user_namespace == reqs[next].own_user_namespace) {
      ++job.end;
    }
    *board.done = static_cast<std::int64_t>(next);
    const bool shared =
        share && share_memory && !reqs[next].own_memory && !reqs[next].own_user_namespace;
    pid_t pid = start_child(job, shared);
    if (pid < 0 && shared) {
      share_memory = false;  // qemu-user: EINVAL; a filter: EPERM or ENOSYS
      pid = start_child(job, false);
    }
    if (pid < 0) {
      const int err = errno;
      ::close(fds[0]);
      ::close(fds[1]);
      fail_rest("fork", err);
      break;
    }
    ::close(fds[1]);
    if (beside.pending()) {  // the first child only: the rest is rare
      const OffThisCpu elsewhere(pid);
      beside.run();
    }
    const bool timed_out = wait_for_child(fds[0], board, job, born, timeout_ms);
    ::close(fds[0]);
    if (timed_out) ::kill(pid, SIGKILL);

    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
      if (errno != EINTR) {
        fail_rest("waitpid", errno);
        break;
      }
    }
    // Reaped: the child's stack and the job are free again.
    if (next >= reqs.size()) break;
    const auto done = static_cast<std::size_t>(__atomic_load_n(board.done, __ATOMIC_ACQUIRE));
    bool death_explained = false;  // the last answer was the SIGSYS handler's
    for (; next < done && next < job.end; ++next) {
      const Slot& slot = board.slots[next];
      out[next] = decode_attempt(
          std::string_view(reinterpret_cast<const char*>(&slot.record), sizeof slot.record), 0);
      out[next].elapsed_ms = static_cast<double>(slot.ended_ns - slot.started_ns) / 1e6;
      death_explained = slot.record.type == ChildRecord::kSigsys;
    }
    if (next >= job.end || death_explained) continue;
    // The child ended while making request `next`: that is its outcome.
    const std::int64_t started = board.slots[next].started_ns;
    if (timed_out) {
      out[next].kind = Outcome::Kind::Timeout;
      out[next].timeout_ms = timeout_ms;
    } else {
      out[next] = decode_attempt("", status);
    }
    out[next].elapsed_ms = static_cast<double>(now_ns() - (started > 0 ? started : born)) / 1e6;
    ++next;
  }
  ::munmap(map, bytes);
  return out;
}

}  // namespace

std::vector<Outcome> Attempter::attempt_all(const std::vector<SyscallRequest>& reqs, int timeout_ms,
                                            const std::function<void()>& meanwhile) {
  // A child shares the memory only while it is not dumpable (see "The
  // attempting child"). PR_GET_DUMPABLE says 0, 1 or 2 (suid_dumpable);
  // only 1 can be put back as it was.
  const int dumpable = kCanShareMemory && share_memory_ ? ::prctl(PR_GET_DUMPABLE) : -1;
  const bool undumped = dumpable == 1 && ::prctl(PR_SET_DUMPABLE, 0) == 0;
  const bool share = dumpable == 0 || undumped;
  Meanwhile beside{meanwhile};
  std::vector<Outcome> out = run_children(reqs, timeout_ms, share, share_memory_, beside);
  if (undumped) ::prctl(PR_SET_DUMPABLE, 1);  // every child is reaped
  beside.run();                               // if no child could be started
  beside.rethrow();
  return out;
}

}  // namespace probe
