// The real door against this machine's kernel (label kernel).
#include <dirent.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sched.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <stdexcept>
#include <string>
#include <vector>

#include "linux/syscall_probe.h"
#include "must_work.h"
#include "system.h"

namespace probe {
namespace {

using testing::must_work;

// A call that blocks until a signal on every architecture: ppoll with no fds
// and no timeout (pause(2) exists on x86_64 only, not on arm64).
const SyscallRequest kBlocks{SYS_ppoll, {}};

bool kernel_at_least(int major, int minor) {
  struct utsname u {};
  ::uname(&u);
  int ma = 0;
  int mi = 0;
  std::sscanf(u.release, "%d.%d", &ma, &mi);
  return ma > major || (ma == major && mi >= minor);
}

bool no_children_left() {
  int status = 0;
  return ::waitpid(-1, &status, WNOHANG) == -1 && errno == ECHILD;
}

TEST(SystemKernel, ReturnedValueComesBack) {
  auto sys = make_linux_system();
  const Outcome o = sys->attempt({SYS_getppid, {}}, 2000);
  ASSERT_EQ(o.kind, Outcome::Kind::Returned) << describe(o) << " " << o.error;
  EXPECT_EQ(o.value, ::getpid());  // the child's parent is this process
  EXPECT_GT(o.elapsed_ms, 0.0);
  EXPECT_TRUE(no_children_left());
}

TEST(SystemKernel, ErrnoComesBack) {
  auto sys = make_linux_system();
  const Outcome o = sys->attempt({SYS_close, {static_cast<std::uint64_t>(-1)}}, 2000);
  ASSERT_EQ(o.kind, Outcome::Kind::Errno);
  EXPECT_EQ(o.err, EBADF);
}

TEST(SystemKernel, OurNumberOnThisKernel) {
  struct utsname u {};
  ::uname(&u);
  if (std::string(u.release).find(SYSCALL_PROBE_RELEASE_MARKER) != std::string::npos) {
    GTEST_SKIP() << "this is the project's kernel; tests/qemu covers it";
  }
  auto sys = make_linux_system();
  const Outcome o = sys->attempt({SYSCALL_PROBE_NR, {42}}, 2000);
  ASSERT_EQ(o.kind, Outcome::Kind::Errno);
  EXPECT_EQ(o.err, ENOSYS);
}

TEST(SystemKernel, UretprobeKillsTheChildWithSigill) {
  if (!kernel_at_least(6, 11)) {
    if (must_work()) FAIL() << "kernel older than 6.11";
    GTEST_SKIP() << "uretprobe (335) is only SIGILL on Linux >= 6.11";
  }
  auto sys = make_linux_system();
  const Outcome o = sys->attempt({335, {}}, 2000);
  ASSERT_EQ(o.kind, Outcome::Kind::Signal) << describe(o);
  EXPECT_EQ(o.signal, SIGILL);
  EXPECT_FALSE(o.seccomp_signal);
  EXPECT_TRUE(no_children_left());
}

TEST(SystemKernel, BlockingCallTimesOutAndIsReaped) {
  auto sys = make_linux_system();
  const Outcome o = sys->attempt(kBlocks, 150);
  ASSERT_EQ(o.kind, Outcome::Kind::Timeout);
  EXPECT_EQ(o.timeout_ms, 150);
  EXPECT_GE(o.elapsed_ms, 140.0);
  EXPECT_LT(o.elapsed_ms, 5000.0);
  EXPECT_TRUE(no_children_left());
}

// One child makes the calls in order; a death or a timeout costs that call
// only, and a fresh child carries on with the next.
TEST(SystemKernel, BatchSurvivesDeathsAndTimeouts) {
  auto sys = make_linux_system();
  const std::vector<SyscallRequest> reqs{
      {SYS_getppid, {}},      {SYS_close, {static_cast<std::uint64_t>(-1)}}, kBlocks,
      {SYS_rt_sigreturn, {}},  // no signal frame on the stack: the kernel sends SIGSEGV
      {SYS_getppid, {}},
  };
  const auto out = sys->attempt_all(reqs, 1000, {});  // generous: this machine may be loaded
  ASSERT_EQ(out.size(), reqs.size());
  EXPECT_EQ(out[0].kind, Outcome::Kind::Returned);
  EXPECT_EQ(out[0].value, ::getpid());
  EXPECT_EQ(out[1].kind, Outcome::Kind::Errno);
  EXPECT_EQ(out[1].err, EBADF);
  EXPECT_EQ(out[2].kind, Outcome::Kind::Timeout);
  EXPECT_EQ(out[3].kind, Outcome::Kind::Signal) << describe(out[3]);
  EXPECT_EQ(out[3].signal, SIGSEGV);
  EXPECT_EQ(out[4].kind, Outcome::Kind::Returned);
  EXPECT_EQ(out[4].value, ::getpid());
  EXPECT_TRUE(no_children_left());
}

// This process's children, by their /proc/PID/stat (no CONFIG_PROC_CHILDREN
// needed).
std::vector<pid_t> my_children() {
  std::vector<pid_t> kids;
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return kids;
  while (const dirent* e = ::readdir(proc)) {
    const pid_t pid = static_cast<pid_t>(std::atoi(e->d_name));
    if (pid <= 0) continue;
    std::FILE* f = std::fopen(("/proc/" + std::to_string(pid) + "/stat").c_str(), "r");
    if (f == nullptr) continue;
    char buf[512] = {};
    const std::size_t n = std::fread(buf, 1, sizeof buf - 1, f);
    std::fclose(f);
    // "PID (COMM) STATE PPID ...": COMM may hold spaces; PPID follows the last ')'.
    const char* paren = std::strrchr(buf, ')');
    if (n == 0 || paren == nullptr) continue;
    char state = 0;
    int ppid = 0;
    if (std::sscanf(paren + 1, " %c %d", &state, &ppid) == 2 && ppid == ::getpid()) {
      kids.push_back(pid);
    }
  }
  ::closedir(proc);
  return kids;
}

// The caller's work runs once, while the first child is still making its
// calls (here: blocked in ppoll until its timeout), not after; the child
// is kept off the caller's CPU meanwhile where another is allowed, and the
// caller's own CPUs are left as they were.
TEST(SystemKernel, MeanwhileRunsBesideTheFirstChild) {
  auto sys = make_linux_system();
  cpu_set_t mine{};
  ASSERT_EQ(::sched_getaffinity(0, sizeof mine, &mine), 0);
  int calls = 0;
  bool child_running = false;
  int child_cpus = -1;
  const std::vector<SyscallRequest> reqs{kBlocks, {SYS_getppid, {}}};
  const auto out = sys->attempt_all(reqs, 300, [&] {
    ++calls;
    int status = 0;
    child_running = ::waitpid(-1, &status, WNOHANG | __WALL) == 0;
    const auto kids = my_children();
    cpu_set_t theirs{};
    if (kids.size() == 1 && ::sched_getaffinity(kids[0], sizeof theirs, &theirs) == 0) {
      child_cpus = CPU_COUNT(&theirs);
    }
  });
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(child_running) << "meanwhile ran when no child was running";
  if (CPU_COUNT(&mine) > 1) {
    EXPECT_EQ(child_cpus, CPU_COUNT(&mine) - 1) << "the child was not kept off this CPU";
  } else {
    EXPECT_EQ(child_cpus, 1);
  }
  cpu_set_t after{};
  ASSERT_EQ(::sched_getaffinity(0, sizeof after, &after), 0);
  EXPECT_TRUE(CPU_EQUAL(&mine, &after)) << "the caller's CPUs changed";
  ASSERT_EQ(out.size(), reqs.size());
  EXPECT_EQ(out[0].kind, Outcome::Kind::Timeout);
  EXPECT_EQ(out[1].kind, Outcome::Kind::Returned);
  EXPECT_TRUE(no_children_left());
}

// An exception from the caller's work leaves only once every child is
// reaped (the child may still be reading the job on the caller's stack);
// with no request at all the work still runs, once.
TEST(SystemKernel, MeanwhileFailsAfterTheChildrenAndRunsWithoutThem) {
  auto sys = make_linux_system();
  EXPECT_THROW(sys->attempt_all({{SYS_getppid, {}}, {SYS_getppid, {}}}, 2000,
                                [] { throw std::runtime_error("meanwhile failed"); }),
               std::runtime_error);
  EXPECT_TRUE(no_children_left());
  int calls = 0;
  EXPECT_TRUE(sys->attempt_all({}, 2000, [&calls] { ++calls; }).empty());
  EXPECT_EQ(calls, 1);
}

std::uint64_t addr(const void* p) {
  return reinterpret_cast<std::uintptr_t>(p);
}

// The kernel's struct sigaction (x86_64 and arm64 alike).
struct KernelSigaction {
  std::uint64_t handler, flags, restorer, mask;
};

// The child shares the probe's memory (CLONE_VM): a call that writes to
// memory is seen by the parent; with own_memory it writes the child's copy.
TEST(SystemKernel, TheChildSharesTheMemoryUnlessAskedNotTo) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer builds always fork (attempt-linux.cc)";
#endif
  auto sys = make_linux_system();
  struct timespec shared {};
  Outcome o = sys->attempt({SYS_clock_gettime, {CLOCK_MONOTONIC, addr(&shared)}}, 2000);
  ASSERT_EQ(o.kind, Outcome::Kind::Returned) << describe(o) << " " << o.error;
  EXPECT_NE(shared.tv_sec + shared.tv_nsec, 0) << "the child's write did not reach this memory";
  struct timespec own {};
  o = sys->attempt({SYS_clock_gettime, {CLOCK_MONOTONIC, addr(&own)}, true}, 2000);
  ASSERT_EQ(o.kind, Outcome::Kind::Returned) << describe(o) << " " << o.error;
  EXPECT_EQ(own.tv_sec + own.tv_nsec, 0) << "an own_memory child wrote this memory";
  EXPECT_TRUE(no_children_left());
}

// A request in a user namespace of its own runs there: geteuid answers the
// overflow uid (no mapping written), getppid this process (the child's
// parent), and the calls before and after it run outside.
TEST(SystemKernel, AUserNamespaceOfItsOwnWhenAsked) {
  auto sys = make_linux_system();
  SyscallRequest inside{SYS_geteuid, {}};
  inside.own_user_namespace = true;
  const std::vector<SyscallRequest> reqs{{SYS_geteuid, {}}, inside, inside, {SYS_geteuid, {}}};
  const auto out = sys->attempt_all(reqs, 2000, {});
  ASSERT_EQ(out.size(), 4U);
  if (out[1].kind == Outcome::Kind::Error) {
    // unshare(CLONE_NEWUSER) refused (user.max_user_namespaces=0, a filter).
    if (must_work()) FAIL() << out[1].error;
    GTEST_SKIP() << out[1].error;
  }
  const auto euid = static_cast<std::int64_t>(::geteuid());
  for (std::size_t i : {0U, 3U}) {
    ASSERT_EQ(out[i].kind, Outcome::Kind::Returned) << describe(out[i]);
    EXPECT_EQ(out[i].value, euid);
  }
  int overflow = 65534;
  if (FILE* f = std::fopen("/proc/sys/kernel/overflowuid", "r")) {
    if (std::fscanf(f, "%d", &overflow) != 1) overflow = 65534;
    std::fclose(f);
  }
  for (std::size_t i : {1U, 2U}) {
    ASSERT_EQ(out[i].kind, Outcome::Kind::Returned) << describe(out[i]) << " " << out[i].error;
    EXPECT_EQ(out[i].value, overflow) << "request " << i << " did not run in its own namespace";
  }
  EXPECT_TRUE(no_children_left());
}

// What the child changes stays the child's, though it shares the memory:
// no_new_privs, a signal disposition, a limit, the persona, the umask, the
// fd table; errno (in this thread's TLS) is never written; the memory is
// dumpable again afterwards.
TEST(SystemKernel, NothingTheChildChangesReachesTheProbe) {
  auto sys = make_linux_system();
  const int dumpable = ::prctl(PR_GET_DUMPABLE);
  struct rlimit core {};
  ASSERT_EQ(::getrlimit(RLIMIT_CORE, &core), 0);
  const struct rlimit lower { 0, core.rlim_max };
  const KernelSigaction ignore{addr(reinterpret_cast<void*>(SIG_IGN)), 0, 0, 0};
  struct sigaction before {};
  ASSERT_EQ(::sigaction(SIGUSR1, nullptr, &before), 0);
  const mode_t mask = ::umask(022);
  ::umask(mask);
  const int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  const unsigned long persona = static_cast<unsigned long>(::personality(0xffffffff));

  const std::vector<SyscallRequest> reqs{
      {SYS_prctl, {PR_SET_NO_NEW_PRIVS, 1}},
      {SYS_rt_sigaction, {SIGUSR1, addr(&ignore), 0, 8}},
      {SYS_prlimit64, {0, RLIMIT_CORE, addr(&lower), 0}},
      {SYS_personality, {persona | ADDR_NO_RANDOMIZE}},
      {SYS_umask, {0}},
      {SYS_close, {static_cast<std::uint64_t>(fd)}},
      {SYS_close, {static_cast<std::uint64_t>(-1)}},  // EBADF: must not land in errno
  };
  errno = 0;
  const auto out = sys->attempt_all(reqs, 2000, {});
  EXPECT_EQ(errno, 0) << "the child's errno reached this thread";
  ASSERT_EQ(out.size(), reqs.size());
  for (std::size_t i = 0; i + 1 < out.size(); ++i) {
    EXPECT_EQ(out[i].kind, Outcome::Kind::Returned) << i << ": " << describe(out[i]);
  }
  EXPECT_EQ(out.back().kind, Outcome::Kind::Errno);
  EXPECT_EQ(out.back().err, EBADF);

  EXPECT_EQ(::prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 0);
  struct sigaction after {};
  ASSERT_EQ(::sigaction(SIGUSR1, nullptr, &after), 0);
  EXPECT_EQ(after.sa_handler, before.sa_handler);
  struct rlimit now {};
  ASSERT_EQ(::getrlimit(RLIMIT_CORE, &now), 0);
  EXPECT_EQ(now.rlim_cur, core.rlim_cur);
  EXPECT_EQ(static_cast<unsigned long>(::personality(0xffffffff)), persona);
  EXPECT_EQ(::umask(mask), mask);
  EXPECT_EQ(::fcntl(fd, F_GETFD), FD_CLOEXEC) << "the child's close reached this fd table";
  ::close(fd);
  EXPECT_EQ(::prctl(PR_GET_DUMPABLE), dumpable);
  EXPECT_TRUE(no_children_left());
}

TEST(SystemKernel, FilesAndLinks) {
  auto sys = make_linux_system();
  auto status = sys->read_file("/proc/self/status");
  ASSERT_TRUE(status.ok());
  EXPECT_NE(status.value().find("CapEff:"), std::string::npos);
  auto missing = sys->read_file("/nonexistent/file");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().err, ENOENT);
  EXPECT_EQ(missing.error().message(), "open /nonexistent/file: No such file or directory");
  auto uts = sys->readlink("/proc/self/ns/uts");
  ASSERT_TRUE(uts.ok());
  EXPECT_EQ(uts.value().rfind("uts:[", 0), 0U);
  auto u = sys->uname();
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u.value().sysname, "Linux");
}

// /proc/kallsyms is streamed in pieces as read(2) returns them (the kernel
// formats each as it goes), and stops when the reader says so.
TEST(SystemKernel, KallsymsStreamsInPiecesAndStopsEarly) {
  auto sys = make_linux_system();
  long pieces = 0;
  std::string text;
  auto all = sys->stream_file("/proc/kallsyms", 0, UINT64_MAX, [&](std::string_view chunk) {
    ++pieces;
    text.append(chunk);
    return true;
  });
  if (!all) {
    if (must_work()) FAIL() << all.error().message();
    GTEST_SKIP() << all.error().message();
  }
  EXPECT_GT(std::count(text.begin(), text.end(), '\n'), 1000);
  EXPECT_GT(pieces, 1);  // never the whole file at once
  EXPECT_EQ(all.value(), text.size());
#if defined(__x86_64__)
  EXPECT_NE(text.find(" T __x64_sys_read\n"), std::string::npos);
#endif
  long seen = 0;
  auto first = sys->stream_file("/proc/kallsyms", 0, UINT64_MAX,
                                [&seen](std::string_view) { return ++seen < 2; });
  ASSERT_TRUE(first.ok()) << first.error().message();
  EXPECT_EQ(seen, 2);
  EXPECT_LT(first.value(), all.value());
}

TEST(SystemKernel, RandomTokensDiffer) {
  auto sys = make_linux_system();
  const auto a = sys->random_u32();
  const auto b = sys->random_u32();
  const auto c = sys->random_u32();
  EXPECT_FALSE(a == b && b == c);
}

}  // namespace
}  // namespace probe
