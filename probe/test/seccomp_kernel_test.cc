// The real binary under real seccomp filters on this machine's kernel
// (label kernel). A forked child installs a BPF filter with raw prctl (no
// libseccomp) that answers one action for the chosen numbers, then execs
// syscall-probe --format json; the parent checks the verdicts.
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstdlib>
#include <string>
#include <vector>

#include "audit_arch.h"
#include "linux/syscall_probe.h"
#include "must_work.h"

namespace {

using probe::kAuditArch;
constexpr long kCachestat = 451;  // x86_64 and arm64 alike

using probe::testing::must_work;

struct ProbeRun {
  int exit_code = -1;
  nlohmann::json report;
};

// What the child changes about itself before the filter and the exec.
struct ChildSetup {
  bool no_new_privs = true;     ///< else the filter is installed with CAP_SYS_ADMIN
  bool drop_sys_admin = false;  ///< drop CAP_SYS_ADMIN from the bounding set: gone after exec
  bool as_nobody = false;       ///< become uid/gid 65534, every capability gone, first
};

// The census calls reboot, swapoff, settimeofday, init_module and the like
// with arguments that fail their first check; on this machine it still never
// runs with privileges (docs/catalogue.md): as uid/gid 65534, which drops
// every capability. Child only.
bool become_nobody() {
  constexpr uid_t kNobody = 65534;
  return ::setgroups(0, nullptr) == 0 && ::setresgid(kNobody, kNobody, kNobody) == 0 &&
         ::setresuid(kNobody, kNobody, kNobody) == 0;
}

// Installs "numbers -> action, everything else -> allow". Child only.
bool install_filter(const std::vector<long>& numbers, unsigned action,
                    const ChildSetup& setup = {}) {
  std::vector<sock_filter> prog{
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, kAuditArch, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
  };
  for (long nr : numbers) {
    prog.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, static_cast<unsigned>(nr), 0, 1));
    prog.push_back(BPF_STMT(BPF_RET | BPF_K, action));
  }
  prog.push_back(BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
  sock_fprog fprog{static_cast<unsigned short>(prog.size()), prog.data()};
  if (setup.drop_sys_admin && ::prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN, 0, 0, 0) != 0) return false;
  if (setup.no_new_privs && ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return false;
  return ::prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog) == 0;
}

// Runs the probe with `args` (plus --format json) under the filter.
ProbeRun probe_under(const std::vector<long>& numbers, unsigned action,
                     std::vector<std::string> args, const ChildSetup& setup = {}) {
  const bool census = std::find(args.begin(), args.end(), "all") != args.end();
  if (census && ::geteuid() == 0 && !setup.as_nobody) {
    ADD_FAILURE() << "a census (--syscalls all) as root: give ChildSetup::as_nobody";
    return {};
  }
  args.insert(args.begin(), {SYSCALL_PROBE_BIN, "--format", "json"});
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int out[2];
  EXPECT_EQ(::pipe2(out, O_CLOEXEC), 0);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    if (setup.as_nobody && ::geteuid() == 0 && !become_nobody()) ::_exit(119);
    if (!numbers.empty() && !install_filter(numbers, action, setup)) ::_exit(120);
    ::execv(argv[0], argv.data());
    ::_exit(121);
  }
  ::close(out[1]);
  std::string text;
  char buf[4096];
  for (ssize_t n; (n = ::read(out[0], buf, sizeof buf)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    text.append(buf, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ProbeRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (!text.empty()) run.report = nlohmann::json::parse(text, nullptr, false);
  return run;
}

std::string verdict(const ProbeRun& r) {
  return r.report["syscall"]["verdict"].get<std::string>();
}

bool readable(const char* path) {
  const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  ::close(fd);
  return true;
}

// Skips (fails under SYSCALL_PROBE_MUST_WORK=1) when `path` cannot be read.
#define REQUIRE_READABLE(path)                                 \
  do {                                                         \
    if (!readable(path)) {                                     \
      if (must_work()) FAIL() << (path) << " is not readable"; \
      GTEST_SKIP() << (path) << " is not readable here";       \
    }                                                          \
  } while (0)
#define REQUIRE_KALLSYMS() REQUIRE_READABLE("/proc/kallsyms")
#define REQUIRE_BTF() REQUIRE_READABLE("/sys/kernel/btf/vmlinux")

// No symbol evidence at all: the verdicts that depend on it.
const std::vector<std::string> kBlind{"--kallsyms", "never", "--btf", "never"};

std::vector<std::string> blind(std::vector<std::string> more) {
  more.insert(more.begin(), kBlind.begin(), kBlind.end());
  return more;
}

constexpr unsigned errno_action(int err) {
  return SECCOMP_RET_ERRNO | (static_cast<unsigned>(err) & SECCOMP_RET_DATA);
}

const long kOurs = SYSCALL_PROBE_NR;

TEST(SeccompKernel, NoFilterOurNumberIsAbsent) {
  const ProbeRun r = probe_under({}, 0, {});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(verdict(r), "absent");
  EXPECT_EQ(r.report["syscall"]["outcome"]["errno_name"], "ENOSYS");
  EXPECT_EQ(r.report["kallsyms"]["consulted"], false);
  EXPECT_EQ(r.report["confinement"]["seccomp"]["mode_name"], "disabled");
}

TEST(SeccompKernel, EpermIsBlockedWithoutSymbolEvidence) {
  const ProbeRun r = probe_under({kOurs}, errno_action(EPERM), kBlind);
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.report["confinement"]["seccomp"]["mode_name"], "filter");
  EXPECT_EQ(r.report["syscall"]["outcome"]["errno_name"], "EPERM");
  EXPECT_EQ(verdict(r), "blocked");
}

TEST(SeccompKernel, EpermWithKallsymsProvingAbsenceIsAbsent) {
  REQUIRE_KALLSYMS();
  const ProbeRun r = probe_under({kOurs}, errno_action(EPERM), {"--btf", "never"});
  EXPECT_EQ(r.report["syscall"]["kernel_has_symbol"], false);
  EXPECT_EQ(r.report["syscall"]["evidence"], "kallsyms");
  EXPECT_EQ(verdict(r), "absent");
}

// A filter that refuses seccomp() itself leaves who answered to inference:
// with no symbols either, an ENOSYS under it is the filter's or the kernel's.
TEST(SeccompKernel, EnosysIsAbsentOrBlockedWithoutSymbolEvidence) {
  const ProbeRun r = probe_under({kOurs, SYS_seccomp}, errno_action(ENOSYS), kBlind);
  EXPECT_EQ(verdict(r), "absent-or-blocked");
  EXPECT_EQ(r.report["syscall"]["answered_by"], "unknown");
  EXPECT_EQ(r.report["syscall"]["proof"], "inferred");
  const auto& asked = r.report["confinement"]["seccomp"]["asked"];
  EXPECT_EQ(asked["status"], "refused") << asked;
  EXPECT_NE(asked["error"].get<std::string>().find("seccomp"), std::string::npos) << asked;
  EXPECT_NE(r.report["syscall"]["explanation"].get<std::string>().find(
                "--security-opt seccomp=unconfined"),
            std::string::npos);
}

// Asked, the filter itself says it answered: blocked, whatever the symbols.
TEST(SeccompKernel, AskedFilterProvesItsOwnEnosys) {
  const ProbeRun r = probe_under({kOurs}, errno_action(ENOSYS), kBlind);
  const auto& asked = r.report["confinement"]["seccomp"]["asked"];
  ASSERT_EQ(asked["status"], "installed") << asked;
  EXPECT_EQ(asked["supervisor"], false);
  EXPECT_EQ(r.report["syscall"]["filter_notified"], false);
  EXPECT_EQ(verdict(r), "blocked");
  EXPECT_EQ(r.report["syscall"]["answered_by"], "seccomp-filter");
  EXPECT_EQ(r.report["syscall"]["proof"], "own-filter-silent");
}

TEST(SeccompKernel, EnosysWithKallsymsProvingAbsenceIsAbsent) {
  REQUIRE_KALLSYMS();
  const ProbeRun r = probe_under({kOurs}, errno_action(ENOSYS), {"--btf", "never"});
  EXPECT_EQ(r.report["kallsyms"]["readable"], true);
  EXPECT_EQ(r.report["btf"]["consulted"], false);
  EXPECT_EQ(r.report["syscall"]["evidence"], "kallsyms");
  EXPECT_EQ(verdict(r), "absent");
  const auto text = r.report["syscall"]["explanation"].get<std::string>();
  EXPECT_NE(text.find("seccomp filter"), std::string::npos) << text;
  EXPECT_NE(text.find("/proc/kallsyms has no"), std::string::npos) << text;
}

// The default: BTF alone proves our syscall absent; kallsyms is not read.
TEST(SeccompKernel, EnosysWithBtfProvingAbsenceIsAbsentWithoutKallsyms) {
  REQUIRE_BTF();
  const ProbeRun r = probe_under({kOurs}, errno_action(ENOSYS), {});
  EXPECT_EQ(r.report["btf"]["readable"], true) << r.report["btf"];
  EXPECT_EQ(r.report["kallsyms"]["consulted"], false);
  EXPECT_EQ(r.report["kallsyms"]["error"], "not read: BTF settled every verdict");
  EXPECT_EQ(r.report["syscall"]["kernel_has_symbol"], false);
  EXPECT_EQ(r.report["syscall"]["evidence"], "btf");
  EXPECT_EQ(verdict(r), "absent");
  const auto text = r.report["syscall"]["explanation"].get<std::string>();
  EXPECT_NE(text.find("BTF (/sys/kernel/btf/vmlinux) has no function"), std::string::npos) << text;
}

// A call this kernel has is a FUNC in BTF, which cannot tell it from a weak
// stub: kallsyms decides, and both sources are reported.
TEST(SeccompKernel, BtfPresenceFallsBackToKallsyms) {
  REQUIRE_BTF();
  REQUIRE_KALLSYMS();
  const ProbeRun r =
      probe_under({kOurs, kCachestat}, errno_action(ENOSYS), {"--syscalls", "cachestat"});
  EXPECT_EQ(r.report["btf"]["readable"], true);
  EXPECT_EQ(r.report["kallsyms"]["readable"], true);
  EXPECT_EQ(r.report["syscall"]["evidence"], "btf");
  const auto& a = r.report["catalogue"][0];
  EXPECT_EQ(a["evidence"], "kallsyms");
  EXPECT_EQ(a["kernel_has_symbol"], true);
  EXPECT_EQ(a["verdict"], "blocked");
}

// --kallsyms always reads both for every attempt: on this kernel BTF must
// never call absent what kallsyms lists, and both must agree on verdicts.
TEST(SeccompKernel, KallsymsAlwaysFindsNoContradictionWithBtf) {
  REQUIRE_BTF();
  REQUIRE_KALLSYMS();
  ChildSetup nobody;
  nobody.as_nobody = true;
  const ProbeRun both = probe_under({kOurs, kCachestat}, errno_action(ENOSYS),
                                    {"--kallsyms", "always", "--syscalls", "all"}, nobody);
  const ProbeRun fast =
      probe_under({kOurs, kCachestat}, errno_action(ENOSYS), {"--syscalls", "all"}, nobody);
  ASSERT_EQ(both.exit_code, 0);
  ASSERT_EQ(fast.exit_code, 0);
  EXPECT_EQ(both.report["btf"]["contradicted"], nlohmann::json::array());
  EXPECT_EQ(both.report["btf"]["readable"], true);
  ASSERT_EQ(both.report["catalogue"].size(), fast.report["catalogue"].size());
  EXPECT_EQ(both.report["syscall"]["verdict"], fast.report["syscall"]["verdict"]);
  for (std::size_t i = 0; i < both.report["catalogue"].size(); ++i) {
    const auto& a = both.report["catalogue"][i];
    const auto& b = fast.report["catalogue"][i];
    EXPECT_EQ(a["evidence"], "kallsyms") << a;
    EXPECT_EQ(a["verdict"], b["verdict"]) << a["name"];
  }
}

TEST(SeccompKernel, TrapIsKilledWithSeccompEvidence) {
  const ProbeRun r = probe_under({kOurs}, SECCOMP_RET_TRAP, kBlind);
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(verdict(r), "killed");
  EXPECT_EQ(r.report["syscall"]["outcome"]["signal_name"], "SIGSYS");
  EXPECT_EQ(r.report["syscall"]["outcome"]["seccomp_signal"], true);
}

TEST(SeccompKernel, KillProcessIsKilled) {
  const ProbeRun r = probe_under({kOurs}, SECCOMP_RET_KILL_PROCESS, kBlind);
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(verdict(r), "killed");
  EXPECT_EQ(r.report["syscall"]["outcome"]["signal_name"], "SIGSYS");
  EXPECT_EQ(r.report["syscall"]["outcome"]["seccomp_signal"], false);
}

// After a TRAP or KILL kills the child making our call, the catalogue
// calls still get a fresh child.
TEST(SeccompKernel, DeathDoesNotEndTheBatch) {
  for (unsigned action : {SECCOMP_RET_TRAP, SECCOMP_RET_KILL_PROCESS}) {
    const ProbeRun r = probe_under({kOurs}, action, blind({"--syscalls", "cachestat,close_range"}));
    EXPECT_EQ(verdict(r), "killed");
    ASSERT_EQ(r.report["catalogue"].size(), 2U);
    for (const auto& a : r.report["catalogue"]) EXPECT_EQ(a["verdict"], "implemented") << a;
  }
}

TEST(SeccompKernel, TrapAndKillWithSymbolEvidenceAreAbsent) {
  REQUIRE_KALLSYMS();
  for (const char* btf : {"auto", "never"}) {
    EXPECT_EQ(verdict(probe_under({kOurs}, SECCOMP_RET_TRAP, {"--btf", btf})), "absent") << btf;
    EXPECT_EQ(verdict(probe_under({kOurs}, SECCOMP_RET_KILL_PROCESS, {"--btf", btf})), "absent")
        << btf;
  }
}

// The Docker case: the filter answers ENOSYS for a call this kernel has.
TEST(SeccompKernel, EnosysForACallTheKernelHasIsBlocked) {
  REQUIRE_KALLSYMS();
  for (int err : {ENOSYS, EPERM}) {
    const ProbeRun r = probe_under({kCachestat}, errno_action(err), {"--syscalls", "cachestat"});
    ASSERT_EQ(r.report["catalogue"].size(), 1U);
    const auto& a = r.report["catalogue"][0];
    EXPECT_EQ(a["kernel_has_symbol"], true);
    EXPECT_EQ(a["verdict"], "blocked") << a["explanation"];
  }
}

TEST(SeccompKernel, CatalogueCallIsImplemented) {
  const ProbeRun r = probe_under({}, 0, {"--syscalls", "cachestat,close_range"});
  ASSERT_EQ(r.report["catalogue"].size(), 2U);
  for (const auto& a : r.report["catalogue"]) EXPECT_EQ(a["verdict"], "implemented") << a;
}

TEST(SeccompKernel, Nr335IsOccupiedViaSigill) {
  struct utsname u {};
  ::uname(&u);
  int major = 0;
  int minor = 0;
  std::sscanf(u.release, "%d.%d", &major, &minor);
  if (major < 6 || (major == 6 && minor < 11)) {
    if (must_work()) FAIL() << "kernel older than 6.11";
    GTEST_SKIP() << "335 is uretprobe only on Linux >= 6.11";
  }
  const ProbeRun r = probe_under({}, 0, {"--nr", "335"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(verdict(r), "occupied");
  EXPECT_EQ(r.report["syscall"]["outcome"]["signal_name"], "SIGILL");
}

TEST(SeccompKernel, ForkFailureIsAnErrorVerdict) {
  // glibc's fork() is clone(2); refuse it (and clone3) with EAGAIN, as a
  // full --pids-limit would.
  const ProbeRun r = probe_under({SYS_clone, SYS_clone3}, errno_action(EAGAIN), {});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(verdict(r), "error");
  EXPECT_EQ(r.report["syscall"]["outcome"]["kind"], "error");
  EXPECT_EQ(r.report["syscall"]["outcome"]["error"], "fork: Resource temporarily unavailable");
}

TEST(SeccompKernel, ExpectExitCodes) {
  EXPECT_EQ(probe_under({}, 0, {"--expect", "absent"}).exit_code, 0);
  EXPECT_EQ(probe_under({}, 0, {"--expect", "implemented"}).exit_code, 1);
  EXPECT_EQ(probe_under({kOurs, SYS_seccomp}, errno_action(ENOSYS),
                        blind({"--expect", "absent-or-blocked"}))
                .exit_code,
            0);
  EXPECT_EQ(probe_under({kOurs}, errno_action(ENOSYS), blind({"--expect", "blocked"})).exit_code,
            0);
}

// A filter that lets fsopen through, a caller without
// CAP_SYS_ADMIN: the kernel's own EPERM is not the filter's.
#if defined(__x86_64__) || defined(__aarch64__)
constexpr long kFsopen = 430;
constexpr long kLandlockRestrictSelf = 446;
constexpr long kUnused = 400;  // a hole in both tables: the filter needs a rule
#endif

bool root_with_sys_admin() {
  return ::geteuid() == 0 && ::prctl(PR_CAPBSET_READ, CAP_SYS_ADMIN, 0, 0, 0) == 1;
}

#define REQUIRE_ROOT()                                                       \
  do {                                                                       \
    if (!root_with_sys_admin()) {                                            \
      if (must_work()) FAIL() << "needs root with CAP_SYS_ADMIN";            \
      GTEST_SKIP() << "needs root with CAP_SYS_ADMIN to drop it in a child"; \
    }                                                                        \
  } while (0)

const nlohmann::json& row(const ProbeRun& r, const std::string& name) {
  for (const auto& a : r.report["catalogue"]) {
    if (a["name"] == name) return a;
  }
  static const nlohmann::json none;
  ADD_FAILURE() << name << " not in the report";
  return none;
}

// The filter lets fsopen through; the caller lacks CAP_SYS_ADMIN, so the
// kernel answers EPERM itself, as a filter could. Asked, the probe's own
// filter is notified: the kernel answered. Left to inference, either could.
TEST(SeccompKernel, KernelEpermWithoutSysAdminIsNotBlocked) {
  REQUIRE_ROOT();
  ChildSetup no_admin;
  no_admin.drop_sys_admin = true;
  const ProbeRun r =
      probe_under({kUnused}, errno_action(EPERM), {"--syscalls", "fsopen"}, no_admin);
  ASSERT_EQ(r.exit_code, 0);
  const auto& a = row(r, "fsopen");
  EXPECT_EQ(a["outcome"]["errno_name"], "EPERM");
  EXPECT_EQ(a["precheck"]["passed"], false) << a;
  EXPECT_EQ(a["filter_notified"], true) << a;
  EXPECT_EQ(a["verdict"], "implemented") << a["explanation"];
  EXPECT_EQ(a["answered_by"], "kernel");
  EXPECT_EQ(a["proof"], "own-filter-notified");
  // A filter refusing seccomp() too: the probe cannot ask.
  const ProbeRun inferred =
      probe_under({kUnused, SYS_seccomp}, errno_action(EPERM), {"--syscalls", "fsopen"}, no_admin);
  EXPECT_EQ(row(inferred, "fsopen")["verdict"], "blocked-or-denied");
}

// The same caller under a filter that refuses fsopen with the very errno
// the kernel would give: the probe's own filter is never notified.
TEST(SeccompKernel, FilterEpermWithoutSysAdminIsBlocked) {
  REQUIRE_ROOT();
  ChildSetup no_admin;
  no_admin.drop_sys_admin = true;
  const ProbeRun r =
      probe_under({kFsopen}, errno_action(EPERM), {"--syscalls", "fsopen"}, no_admin);
  ASSERT_EQ(r.exit_code, 0);
  const auto& a = row(r, "fsopen");
  EXPECT_EQ(a["precheck"]["passed"], false) << a;
  EXPECT_EQ(a["filter_notified"], false) << a;
  EXPECT_EQ(a["verdict"], "blocked") << a["explanation"];
  EXPECT_EQ(a["answered_by"], "seccomp-filter");
  EXPECT_EQ(a["proof"], "own-filter-silent");
}

TEST(SeccompKernel, FilterEpermWithSysAdminIsBlocked) {
  REQUIRE_ROOT();
  const ProbeRun r = probe_under({kFsopen}, errno_action(EPERM), {"--syscalls", "fsopen"});
  const auto& a = row(r, "fsopen");
  EXPECT_EQ(a["precheck"]["passed"], true) << a;
  EXPECT_EQ(a["verdict"], "blocked") << a["explanation"];
  // Allowed, with the capability: the kernel's own answer to the arguments.
  const ProbeRun ok = probe_under({kUnused}, errno_action(EPERM), {"--syscalls", "fsopen"});
  EXPECT_EQ(row(ok, "fsopen")["verdict"], "implemented");
}

// No no_new_privs and no CAP_SYS_ADMIN after exec: the probe's child sets
// no_new_privs itself, so landlock_restrict_self answers its arguments.
TEST(SeccompKernel, LandlockRestrictSelfGetsNoNewPrivsInTheChild) {
  REQUIRE_ROOT();
  ChildSetup setup;
  setup.drop_sys_admin = true;
  setup.no_new_privs = false;
  const ProbeRun r =
      probe_under({kUnused}, errno_action(EPERM), {"--syscalls", "landlock_restrict_self"}, setup);
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.report["confinement"]["no_new_privs"], false);
  const auto& a = row(r, "landlock_restrict_self");
  EXPECT_EQ(a["precheck"]["child_no_new_privs"], true) << a;
  EXPECT_NE(a["verdict"], "blocked") << a["explanation"];
  EXPECT_NE(a["verdict"], "blocked-or-denied") << a["explanation"];
  // A filter refusing prctl: the child cannot, and the EPERM stays ambiguous.
  const ProbeRun refused = probe_under({kUnused, SYS_prctl}, errno_action(EPERM),
                                       {"--syscalls", "landlock_restrict_self"}, setup);
  const auto& b = row(refused, "landlock_restrict_self");
  EXPECT_EQ(b["precheck"]["child_no_new_privs"], false) << b;
  EXPECT_EQ(b["outcome"]["errno_name"], "EPERM") << b;
  EXPECT_EQ(b["verdict"], "blocked-or-denied") << b["explanation"];
  // The filter's own EPERM for it, no_new_privs set by the child: blocked.
  const ProbeRun denied = probe_under({kLandlockRestrictSelf}, errno_action(EPERM),
                                      {"--syscalls", "landlock_restrict_self"}, setup);
  EXPECT_EQ(row(denied, "landlock_restrict_self")["verdict"], "blocked");
}

}  // namespace
