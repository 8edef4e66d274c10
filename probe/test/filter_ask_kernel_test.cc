// ask_filters on this machine's kernel (label kernel): a forked child puts a
// real BPF filter above the probe's own (ERRNO, TRAP, KILL_PROCESS, or one
// with a listener, as a seccomp supervisor's), asks, and reports back. The
// asked calls are harmless anyway (bad fds), and none reaches the kernel.
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstddef>
#include <string>
#include <vector>

#include "audit_arch.h"
#include "filter_ask-linux.h"
#include "must_work.h"

namespace {

using probe::FilterAnswers;
using probe::SyscallRequest;

using probe::kAuditArch;

// close(-1), fchdir(-1), dup(-1): EBADF from a kernel, no effect.
SyscallRequest bad_fd_call(long nr) {
  SyscallRequest r;
  r.nr = nr;
  r.args[0] = static_cast<std::uint64_t>(-1);
  return r;
}

const std::vector<SyscallRequest> kCalls{bad_fd_call(SYS_close), bad_fd_call(SYS_fchdir),
                                         bad_fd_call(SYS_dup)};

// "nr -> action, the rest -> allow", with a listener if `listener`.
bool install_outer(long nr, unsigned action, bool listener) {
  sock_filter prog[] = {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, kAuditArch, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, static_cast<unsigned>(nr), 0, 1),
      BPF_STMT(BPF_RET | BPF_K, action),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
  };
  sock_fprog fprog{sizeof prog / sizeof prog[0], prog};
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return false;
  const unsigned flags = listener ? SECCOMP_FILTER_FLAG_NEW_LISTENER : 0;
  return ::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &fprog) >= 0;
}

struct Asked {
  char install = '?';    // 'I', 'B', 'R'
  std::string notified;  // per call: '1' notified, '0' not, '?' unknown
  std::string error;
};

// In a forked child: the outer filter (unless nr < 0), a supervisor's
// filter sending `supervised` to a listener nobody reads (unless < 0), then
// ask_filters.
Asked ask_under(long nr, unsigned action, bool listener = false, long supervised = -1) {
  int out[2];
  EXPECT_EQ(::pipe2(out, O_CLOEXEC), 0);
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (nr >= 0 && !install_outer(nr, action, listener)) ::_exit(120);
    if (supervised >= 0 && !install_outer(supervised, SECCOMP_RET_USER_NOTIF, true)) ::_exit(121);
    const FilterAnswers a = probe::ask_filters_linux(kCalls, 2000);
    std::string text(1, a.install == FilterAnswers::Install::Installed ? 'I'
                        : a.install == FilterAnswers::Install::Busy    ? 'B'
                                                                       : 'R');
    for (const auto& n : a.notified) text += n ? (*n ? '1' : '0') : '?';
    text += a.error;
    (void)::write(out[1], text.data(), text.size());
    ::_exit(0);
  }
  ::close(out[1]);
  std::string text;
  char buf[512];
  for (ssize_t n; (n = ::read(out[0], buf, sizeof buf)) > 0;)
    text.append(buf, static_cast<std::size_t>(n));
  ::close(out[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status;
  Asked a;
  if (text.size() >= 1 + kCalls.size()) {
    a.install = text[0];
    a.notified = text.substr(1, kCalls.size());
    a.error = text.substr(1 + kCalls.size());
  }
  return a;
}

constexpr unsigned errno_action(int err) {
  return SECCOMP_RET_ERRNO | (static_cast<unsigned>(err) & SECCOMP_RET_DATA);
}

// Skips (fails under SYSCALL_PROBE_MUST_WORK=1) where the kernel has no
// listeners (before Linux 5.0) or refuses seccomp here.
#define REQUIRE_LISTENERS()                                                     \
  do {                                                                          \
    const Asked plain = ask_under(-1, 0);                                       \
    if (plain.install != 'I') {                                                 \
      if (probe::testing::must_work()) FAIL() << "cannot ask: " << plain.error; \
      GTEST_SKIP() << "no seccomp listener here: " << plain.error;              \
    }                                                                           \
  } while (0)

TEST(FilterAskKernel, WithoutAFilterAboveEveryCallIsNotified) {
  REQUIRE_LISTENERS();
  const Asked a = ask_under(-1, 0);
  EXPECT_EQ(a.notified, "111") << a.error;
}

TEST(FilterAskKernel, AnErrnoFilterAboveAnswersWithoutANotification) {
  REQUIRE_LISTENERS();
  const Asked a = ask_under(SYS_fchdir, errno_action(EPERM));
  EXPECT_EQ(a.install, 'I') << a.error;
  EXPECT_EQ(a.notified, "101");
}

TEST(FilterAskKernel, ATrapAboveIsAnAnswerAndTheRestAreStillAsked) {
  REQUIRE_LISTENERS();
  // fchdir: the asking process itself never makes it, so only the asking
  // child meets the trap.
  const Asked a = ask_under(SYS_fchdir, SECCOMP_RET_TRAP);
  EXPECT_EQ(a.install, 'I') << a.error;
  EXPECT_EQ(a.notified, "101");
}

TEST(FilterAskKernel, AKillAboveIsAnAnswerToo) {
  REQUIRE_LISTENERS();
  const Asked a = ask_under(SYS_fchdir, SECCOMP_RET_KILL_PROCESS);
  EXPECT_EQ(a.install, 'I') << a.error;
  EXPECT_EQ(a.notified, "101");
}

// A listener in the chain refuses the probe's own (EBUSY: a supervisor),
// and the filters are asked with SECCOMP_RET_TRACE instead: no tracer, so a
// call every filter lets through gets ENOSYS without being made; the
// supervisor's own call (its listener never read here) waits until the
// limit and stays unlearned.
TEST(FilterAskKernel, AListenerAboveIsASupervisorAndTraceAsksInstead) {
  REQUIRE_LISTENERS();
  const Asked a = ask_under(SYS_dup, SECCOMP_RET_USER_NOTIF, /*listener=*/true);
  EXPECT_EQ(a.install, 'B') << a.error;
  EXPECT_EQ(a.notified, "11?");
}

// Under a supervisor an ERRNO filter above is still told from the kernel.
TEST(FilterAskKernel, UnderASupervisorAnErrnoAboveIsStillAnAnswer) {
  REQUIRE_LISTENERS();
  const Asked a = ask_under(SYS_fchdir, errno_action(EPERM), false, SYS_getppid);
  EXPECT_EQ(a.install, 'B') << a.error;
  EXPECT_EQ(a.notified, "101");
}

TEST(FilterAskKernel, ARefusedSeccompIsSaid) {
  REQUIRE_LISTENERS();
  const Asked a = ask_under(SYS_seccomp, errno_action(EACCES));
  EXPECT_EQ(a.install, 'R');
  EXPECT_NE(a.error.find("seccomp"), std::string::npos) << a.error;
  EXPECT_EQ(a.notified, "???");
}

}  // namespace
