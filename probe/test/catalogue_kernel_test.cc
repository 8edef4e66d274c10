// Every catalogue entry called on this machine's kernel in a forked child
// must give exactly its answer (label kernel).
#include "catalogue.h"

#include <grp.h>
#include <gtest/gtest.h>
#include <linux/capability.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "outcome.h"
#include "system.h"

#include "catalogue_util.h"
#include "must_work.h"

namespace probe {
namespace {

using testing::must_work;
using testing::parse_version;

// --------------------------------------- CatalogueKernel (this machine)

/// What a forked child saw: the errno of a failed call, the return of a
/// successful one, or the signal that ended it.
struct Answer {
  enum class Kind { Errno, Returned, Signal, Lost } kind = Kind::Lost;
  long value = 0;
};

std::string describe(const Answer& a) {
  switch (a.kind) {
    case Answer::Kind::Errno: {
      const char* name = ::strerrorname_np(static_cast<int>(a.value));
      return name != nullptr ? name : "errno " + std::to_string(a.value);
    }
    case Answer::Kind::Returned: return "returned " + std::to_string(a.value);
    case Answer::Kind::Signal: {
      const char* name = ::sigabbrev_np(static_cast<int>(a.value));
      return std::string("signal SIG") + (name != nullptr ? name : std::to_string(a.value));
    }
    case Answer::Kind::Lost: return "no answer";
  }
  return "?";
}

/// The probe's own door (System::attempt, a forked child with a timeout):
/// what the report would see. A call that blocks becomes a timeout, which no
/// entry expects.
Answer attempt_with_probe(System& sys, long nr, const std::array<std::uint64_t, 6>& args) {
  SyscallRequest req;
  req.nr = nr;
  req.args = args;
  const Outcome o = sys.attempt(req, 2000);
  switch (o.kind) {
    case Outcome::Kind::Errno: return {Answer::Kind::Errno, o.err};
    case Outcome::Kind::Signal: return {Answer::Kind::Signal, o.signal};
    case Outcome::Kind::Returned: return {Answer::Kind::Returned, static_cast<long>(o.value)};
    case Outcome::Kind::Timeout:
    case Outcome::Kind::Error: break;
  }
  return {};
}

/// Like attempt_with_probe, with `prepare` run in the child first (the
/// probe's door has no such hook). A child that blocks is ended by SIGALRM
/// after two seconds, which no entry expects.
Answer call_in_child(long nr, const std::array<std::uint64_t, 6>& args,
                     const std::function<bool()>& prepare = {}) {
  int fds[2];
  if (::pipe(fds) != 0) return {};
  const pid_t pid = ::fork();
  if (pid < 0) return {};
  if (pid == 0) {
    ::close(fds[0]);
    ::alarm(2);
    if (prepare && !prepare()) ::_exit(97);
    const long ret = ::syscall(nr, args[0], args[1], args[2], args[3], args[4], args[5]);
    const long record[2] = {ret, ret == -1 ? errno : 0};
    if (::write(fds[1], record, sizeof record) != sizeof record) ::_exit(98);
    ::_exit(0);
  }
  ::close(fds[1]);
  long record[2] = {0, 0};
  std::size_t got = 0;
  while (got < sizeof record) {
    const ssize_t n = ::read(fds[0], reinterpret_cast<char*>(record) + got, sizeof record - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status)) return {Answer::Kind::Signal, WTERMSIG(status)};
  if (got != sizeof record || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return {};
  if (record[0] == -1) return {Answer::Kind::Errno, record[1]};
  return {Answer::Kind::Returned, record[0]};
}

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// A "Name:\tvalue" field of /proc/self/status.
std::string status_field(const std::string& name) {
  std::istringstream in(read_text("/proc/self/status"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(name + ":", 0) == 0) {
      const auto pos = line.find_first_not_of(" \t", name.size() + 1);
      return pos == std::string::npos ? "" : line.substr(pos);
    }
  }
  return "";
}

struct Machine {
  bool x86_64 = false;
  bool arm64 = false;
  std::pair<int, int> version{0, 0};
  std::string release;  ///< uname -r
  bool kallsyms_read = false;
  /// entry symbol -> kallsyms type letter ('T', 't', 'W', ...)
  std::map<std::string, char> symbols;
  bool has_io_bitmap = false;  ///< kallsyms lists io_bitmap_exit
};

Machine inspect_machine() {
  Machine m;
  utsname u{};
  ::uname(&u);
  m.x86_64 = std::string_view(u.machine) == "x86_64";
  m.arm64 = std::string_view(u.machine) == "aarch64";
  m.version = parse_version(u.release).value_or(std::pair(0, 0));
  m.release = u.release;
  std::ifstream in("/proc/kallsyms");
  const std::string prefix = m.x86_64 ? "__x64_sys_" : "__arm64_sys_";
  std::string addr;
  std::string type;
  std::string sym;
  while (in >> addr >> type) {
    std::getline(in, sym);
    m.kallsyms_read = true;
    const auto start = sym.find_first_not_of(" \t");
    if (start == std::string::npos) continue;
    sym = sym.substr(start);
    if (sym == "io_bitmap_exit") m.has_io_bitmap = true;
    if (sym.rfind(prefix, 0) == 0 && sym.find_first_of(" \t") == std::string::npos) {
      m.symbols[sym.substr(prefix.size())] = type.empty() ? '?' : type[0];
    }
  }
  return m;
}

std::string first_line(const std::string& path) {
  const std::string v = read_text(path);
  return v.substr(0, v.find('\n'));
}

/// Who makes the call: this process, or a child that became nobody.
struct Caller {
  std::uint64_t cap_eff = 0;  ///< effective capability bits
  bool no_new_privs = false;
  gid_t egid = 0;
  bool cap(int c) const { return ((cap_eff >> c) & 1U) != 0; }
};

Caller this_process() {
  Caller c;
  const std::string eff = status_field("CapEff");
  c.cap_eff = eff.empty() ? 0 : std::stoull(eff, nullptr, 16);
  c.no_new_privs = status_field("NoNewPrivs") == "1";
  c.egid = ::getegid();
  return c;
}

/// uid and gid 65534 with no capabilities (what become_nobody() makes).
Caller nobody() {
  Caller c;
  c.no_new_privs = status_field("NoNewPrivs") == "1";
  c.egid = 65534;
  return c;
}

bool cpu_has_user_shadow_stack() {
  std::istringstream in(read_text("/proc/cpuinfo"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("flags", 0) == 0 || line.rfind("Features", 0) == 0) {
      std::istringstream words(line);
      std::string w;
      while (words >> w) {
        if (w == "user_shstk" || w == "gcs") return true;
      }
      return false;
    }
  }
  return false;
}

/// Whether the entry's precheck passes for `caller` on this machine.
bool precheck_passes(Precheck p, const Machine& m, const Caller& caller) {
  // Every capability is a value of Precheck: no switch (-Wswitch-enum).
  // Capability checks ask about the user namespace owning the object (for
  // may_mount(), our mount namespace; reboot, the pid namespace's); this
  // test runs in the initial one, where that is CapEff. Some add a sysctl.
  if (p == Precheck::CapSysBoot) {
    return caller.cap(CAP_SYS_BOOT) && first_line("/proc/sys/kernel/kexec_load_disabled") != "1";
  }
  if (p == Precheck::CapSysModule) {
    return caller.cap(CAP_SYS_MODULE) && first_line("/proc/sys/kernel/modules_disabled") != "1";
  }
  // The syslog row's action is a restricted one whatever dmesg_restrict says.
  if (p == Precheck::CapSyslog) return caller.cap(CAP_SYSLOG) || caller.cap(CAP_SYS_ADMIN);
  if (p == Precheck::CapSetgid) {
    return caller.cap(CAP_SETGID) && first_line("/proc/self/setgroups") != "deny";
  }
  if (const int cap = probe::precheck_capability(p); cap >= 0) return caller.cap(cap);
  if (p == Precheck::None) return true;
  if (p == Precheck::NoNewPrivsOrCapSysAdmin) {
    return caller.no_new_privs || caller.cap(CAP_SYS_ADMIN);
  }
  if (p == Precheck::IoUringAllowed) {
    const std::string v = read_text("/proc/sys/kernel/io_uring_disabled");
    if (v.empty() || v[0] == '0') return true;  // absent before 6.6
    if (v[0] == '2') return false;
    const std::string group = read_text("/proc/sys/kernel/io_uring_group");
    const auto gid = group.empty() ? static_cast<gid_t>(-1) : static_cast<gid_t>(std::stoul(group));
    return caller.cap(CAP_SYS_ADMIN) || caller.egid == gid;
  }
  if (p == Precheck::LandlockEnabled) {
    // The version query has no side effect; EOPNOTSUPP means not enabled.
    return ::syscall(SYS_landlock_create_ruleset, nullptr, 0, 1U /* VERSION */) >= 0;
  }
  if (p == Precheck::SecretmemEnabled) {
    const std::string v = read_text("/sys/module/secretmem/parameters/enable");
    return v.empty() || v[0] == 'Y';
  }
  if (p == Precheck::UserShadowStack) return cpu_has_user_shadow_stack();
  if (p == Precheck::MemlockAllowed) {
    rlimit lim{};
    return caller.cap(CAP_IPC_LOCK) || (::getrlimit(RLIMIT_MEMLOCK, &lim) == 0 && lim.rlim_cur > 0);
  }
  if (p == Precheck::CapDacReadSearchBefore6_17) {
    return m.version >= std::pair(6, 17) || caller.cap(CAP_DAC_READ_SEARCH);
  }
  if (p == Precheck::UserfaultfdAllowedBefore5_11) {
    return m.version >= std::pair(5, 11) || caller.cap(CAP_SYS_PTRACE) ||
           first_line("/proc/sys/vm/unprivileged_userfaultfd") == "1";
  }
  if (p == Precheck::BpfAllowedBefore6_5) {
    return m.version >= std::pair(6, 5) || caller.cap(CAP_SYS_ADMIN) ||
           first_line("/proc/sys/kernel/unprivileged_bpf_disabled") == "0";
  }
  // arch/x86/kernel/ioport.c defines io_bitmap_exit() only with the option.
  if (p == Precheck::X86IoplIoperm) return m.has_io_bitmap;
  return false;
}

/// The answer this machine's kernel must give to the entry.
Answer expected_here(const CatalogueEntry& e, const Machine& m, bool prechecks_pass,
                     std::string* reason) {
  if (expected_kind(e.expect, m.release, m.arm64) == Expectation::Kind::NeverImplemented) {
    *reason = "sys_ni_syscall in this release";
    return {Answer::Kind::Errno, ENOSYS};
  }
  const auto sym = m.symbols.find(std::string(entry_point(e, m.arm64)));
  // A kernel built without the call keeps only COND_SYSCALL's weak stub
  // (kallsyms type W), which returns -ENOSYS.
  if (sym == m.symbols.end() || sym->second == 'W' || sym->second == 'w') {
    *reason = sym == m.symbols.end() ? "no entry symbol in kallsyms"
                                     : "entry symbol is COND_SYSCALL's weak stub";
    return {Answer::Kind::Errno, ENOSYS};
  }
  if (!prechecks_pass) {
    *reason = "precheck fails here";
    return {Answer::Kind::Errno, e.alt_errno};
  }
  *reason = "kernel has it";
  switch (e.expect.kind) {
    case Expectation::Kind::Signal: return {Answer::Kind::Signal, e.expect.value};
    case Expectation::Kind::Errno:
      return {Answer::Kind::Errno, expected_value(e.expect, m.release)};
    case Expectation::Kind::Returns: return {Answer::Kind::Returned, -1};  // any value >= 0
    case Expectation::Kind::NotProbed:
    case Expectation::Kind::NeverImplemented: break;
  }
  return {};
}

class CatalogueKernel : public ::testing::Test {
 protected:
  void SetUp() override {
    machine_ = inspect_machine();
    if (!machine_.x86_64 && !machine_.arm64) GTEST_SKIP() << "neither x86_64 nor arm64";
    if (!machine_.kallsyms_read) {
      if (must_work()) FAIL() << "/proc/kallsyms is unreadable";
      GTEST_SKIP() << "/proc/kallsyms is unreadable";
    }
    const std::string seccomp = status_field("Seccomp");
    if (seccomp != "0") {
      if (must_work()) FAIL() << "runs under seccomp mode " << seccomp;
      GTEST_SKIP() << "a seccomp filter would answer instead of the kernel";
    }
  }
  int nr(const CatalogueEntry& e) const { return machine_.x86_64 ? e.nr_x86_64 : e.nr_arm64; }
  bool applies(const CatalogueEntry& e) const {
    return nr(e) >= 0 && probed(e) &&
           (e.since.empty() || *parse_version(e.since) <= machine_.version);
  }
  Machine machine_;
};

/// `want` from expected_here() (a Returned want of -1 accepts any value >= 0).
bool same(const Answer& want, const Answer& got) {
  if (want.kind == Answer::Kind::Returned && want.value == -1) {
    return got.kind == Answer::Kind::Returned && got.value >= 0;
  }
  return want.kind == got.kind && want.value == got.value;
}

/// Calls that would change this machine if their row's argument check were
/// wrong (reboot, kexec, modules, swap, clock, accounting, host and domain
/// name, mounts, I/O ports, quotas, the kernel log): as root they run only in
/// a QEMU guest (tests/qemu census), never on the machine running the tests.
/// Rows whose precheck is a privilege the caller has are in the same class.
bool risky_as_root(const CatalogueEntry& e) {
  static const std::set<std::string_view> kMachine = {
      "reboot",        "kexec_load",     "kexec_file_load", "init_module", "finit_module",
      "delete_module", "acct",           "swapon",          "swapoff",     "sethostname",
      "setdomainname", "settimeofday",   "clock_settime",   "adjtimex",    "clock_adjtime",
      "mount",         "umount2",        "pivot_root",      "chroot",      "iopl",
      "ioperm",        "syslog",         "quotactl",        "quotactl_fd", "_sysctl",
      "uselib",        "lookup_dcookie", "fchroot"};
  // The rows with a privilege check that were verified as root before the
  // census (the mount API, landlock_restrict_self, io_uring_setup).
  static const std::set<std::string_view> kVerifiedBefore = {
      "move_mount", "fsopen", "fsmount", "fspick", "landlock_restrict_self", "io_uring_setup"};
  if (privilege_check(e.precheck) && kVerifiedBefore.count(e.name) == 0) return true;
  return kMachine.count(e.name) != 0;
}

/// In a child about to make a call: become uid/gid 65534 with no
/// capabilities, the unprivileged caller every row is safe for. A no-op
/// (true) for a caller that is not root.
bool become_nobody() {
  if (::geteuid() != 0) return true;
  const gid_t groups[1] = {65534};
  if (::setgroups(1, groups) != 0) return false;
  if (::setresgid(65534, 65534, 65534) != 0) return false;
  // Leaving uid 0 for good clears the permitted and effective sets.
  return ::setresuid(65534, 65534, 65534) == 0;
}

TEST_F(CatalogueKernel, EveryEntryGetsItsAnswer) {
  const auto sys = make_linux_system();
  const Caller me = this_process();
  const bool root = ::geteuid() == 0;
  int checked = 0;
  for (const auto& e : catalogue()) {
    if (!applies(e) || (root && risky_as_root(e))) continue;
    ++checked;
    std::string reason;
    const Answer want =
        expected_here(e, machine_, precheck_passes(e.precheck, machine_, me), &reason);
    const Answer got = attempt_with_probe(*sys, nr(e), e.args);
    EXPECT_TRUE(same(want, got)) << e.name << " (" << nr(e) << "): want " << describe(want) << " ("
                                 << reason << "), got " << describe(got);
  }
  EXPECT_GT(checked, 0);
}

// Every entry asked again by a child that dropped CAP_SYS_ADMIN (a no-op for
// a caller that never had it): the privilege checks must now answer EPERM,
// and no other entry may change its answer.
TEST_F(CatalogueKernel, WithoutCapSysAdminPrivilegedEntriesAnswerEperm) {
  const auto drop = [] {
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2]{};
    if (::syscall(SYS_capget, &header, data) != 0) return false;
    data[CAP_TO_INDEX(CAP_SYS_ADMIN)].effective &= ~CAP_TO_MASK(CAP_SYS_ADMIN);
    return ::syscall(SYS_capset, &header, data) == 0;
  };
  Caller caller = this_process();
  caller.cap_eff &= ~(std::uint64_t{1} << CAP_SYS_ADMIN);
  const bool root = ::geteuid() == 0;
  int privileged = 0;
  for (const auto& e : catalogue()) {
    if (!applies(e) || (root && risky_as_root(e))) continue;
    const bool passes = precheck_passes(e.precheck, machine_, caller);
    std::string reason;
    const Answer want = expected_here(e, machine_, passes, &reason);
    if (want.kind == Answer::Kind::Errno && want.value == EPERM) ++privileged;
    const Answer got = call_in_child(nr(e), e.args, drop);
    EXPECT_TRUE(same(want, got)) << e.name << " without CAP_SYS_ADMIN: want " << describe(want)
                                 << " (" << reason << "), got " << describe(got);
  }
  EXPECT_GE(privileged, 4) << "the mount API entries should depend on CAP_SYS_ADMIN";
}

// Every probed row, each in a child that first becomes uid/gid 65534 with no
// capabilities: the caller every row is safe for, so the whole table runs
// here, including the rows risky_as_root() keeps from root. Privilege
// prechecks fail, so those rows must answer their alt errno.
TEST_F(CatalogueKernel, EveryEntryAsNobodyGetsItsAnswer) {
  const Caller who = nobody();
  int checked = 0;
  int privileged = 0;
  for (const auto& e : catalogue()) {
    if (!applies(e)) continue;
    ++checked;
    std::string reason;
    const Answer want =
        expected_here(e, machine_, precheck_passes(e.precheck, machine_, who), &reason);
    if (e.precheck != Precheck::None && want.kind == Answer::Kind::Errno &&
        want.value == e.alt_errno) {
      ++privileged;
    }
    const Answer got = call_in_child(nr(e), e.args, become_nobody);
    EXPECT_TRUE(same(want, got)) << e.name << " (" << nr(e) << ") as nobody: want "
                                 << describe(want) << " (" << reason << "), got " << describe(got);
  }
  EXPECT_GE(checked, 300) << "the census covers the whole table";
  EXPECT_GE(privileged, 10) << "reboot, kexec, modules, acct, ... check privilege first";
}

}  // namespace
}  // namespace probe
