// Tests of the catalogue table, in three tiers:
//  - Catalogue.*        pure invariants of the table (label unit);
//  - CatalogueTables.*  every number and "since" against the real Linux 6.1
//                       tables in /usr/src/linux-source-6.1.tar.xz (label unit:
//                       reads a file, runs no syscall under test);
//  - CatalogueKernel.*  every entry called on this machine's kernel in a
//                       forked child must give exactly its answer (label kernel).
#include "catalogue.h"

#include <gtest/gtest.h>
#include <linux/capability.h>
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

namespace probe {
namespace {

// ---------------------------------------------------------------- helpers

/// "6.18.44-fc" -> {6, 18}; "5.1" -> {5, 1}; nullopt if it does not start
/// with MAJOR.MINOR.
std::optional<std::pair<int, int>> parse_version(std::string_view text) {
  int major = 0;
  int minor = 0;
  std::size_t i = 0;
  auto digits = [&](int& out) {
    const std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && i - start < 4) {
      out = out * 10 + (text[i] - '0');
      ++i;
    }
    return i > start;
  };
  if (!digits(major) || i >= text.size() || text[i] != '.') return std::nullopt;
  ++i;
  if (!digits(minor)) return std::nullopt;
  return std::pair{major, minor};
}

bool must_work() {
  const char* v = std::getenv("SYSCALL_PROBE_MUST_WORK");
  return v != nullptr && std::string_view(v) == "1";
}

/// name -> number from a syscall_64.tbl / scripts/syscall.tbl text, for the
/// ABIs a 64-bit caller sees ("common", "64"); x32 rows are skipped.
std::map<std::string, int> parse_syscall_tbl(const std::string& text) {
  std::map<std::string, int> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    int nr = -1;
    std::string abi;
    std::string name;
    if (!(fields >> nr >> abi >> name)) continue;
    if (abi == "common" || abi == "64") out[name] = nr;
  }
  return out;
}

/// name -> number from "#define __NR_name N" lines of asm-generic/unistd.h.
std::map<std::string, int> parse_unistd_h(const std::string& text) {
  std::map<std::string, int> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string define;
    std::string macro;
    std::string value;
    if (!(fields >> define >> macro >> value) || define != "#define") continue;
    if (macro.rfind("__NR_", 0) != 0) continue;
    if (value.empty() || value.find_first_not_of("0123456789") != std::string::npos) continue;
    out[macro.substr(5)] = std::stoi(value);
  }
  return out;
}

// ------------------------------------------------------ Catalogue (pure)

TEST(Catalogue, HasAtLeast25Entries) { EXPECT_GE(catalogue().size(), 25U); }

TEST(Catalogue, NamesAreUniqueIdentifiers) {
  std::set<std::string_view> seen;
  for (const auto& e : catalogue()) {
    EXPECT_TRUE(seen.insert(e.name).second) << "duplicate " << e.name;
    ASSERT_FALSE(e.name.empty());
    for (char c : e.name) {
      EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')
          << e.name << " is not a kernel syscall name";
    }
  }
}

TEST(Catalogue, NumbersAreUniquePerArchitecture) {
  std::map<int, std::string_view> x86;
  std::map<int, std::string_view> arm;
  for (const auto& e : catalogue()) {
    EXPECT_TRUE(e.nr_x86_64 >= 0 || e.nr_arm64 >= 0) << e.name << " has no number";
    if (e.nr_x86_64 >= 0) {
      EXPECT_TRUE(x86.emplace(e.nr_x86_64, e.name).second)
          << e.name << " and " << x86[e.nr_x86_64] << " share x86_64 " << e.nr_x86_64;
    }
    if (e.nr_arm64 >= 0) {
      EXPECT_TRUE(arm.emplace(e.nr_arm64, e.name).second)
          << e.name << " and " << arm[e.nr_arm64] << " share arm64 " << e.nr_arm64;
    }
    EXPECT_GE(e.nr_x86_64, -1);
    EXPECT_GE(e.nr_arm64, -1);
  }
}

TEST(Catalogue, NumbersStayOutOfReservedRanges) {
  for (const auto& e : catalogue()) {
    // x86_64: 387-423 are kept free to line up with the generic table;
    // 512-547 are x32 only.
    EXPECT_FALSE(e.nr_x86_64 >= 387 && e.nr_x86_64 <= 423) << e.name;
    EXPECT_FALSE(e.nr_x86_64 >= 512 && e.nr_x86_64 <= 547) << e.name;
    // Since 424 (pidfd_send_signal) every architecture uses one number.
    if (e.nr_x86_64 >= 424 && e.nr_arm64 >= 0) {
      EXPECT_EQ(e.nr_x86_64, e.nr_arm64) << e.name;
    }
  }
}

TEST(Catalogue, SinceIsAReleaseFrom5_0On) {
  for (const auto& e : catalogue()) {
    const auto v = parse_version(e.since);
    ASSERT_TRUE(v.has_value()) << e.name << ": since '" << e.since << "'";
    EXPECT_EQ(std::to_string(v->first) + "." + std::to_string(v->second), e.since)
        << e.name << ": since must be exactly MAJOR.MINOR";
    EXPECT_GE(*v, std::pair(5, 0)) << e.name;
    EXPECT_LE(*v, std::pair(7, 99)) << e.name;
  }
}

TEST(Catalogue, SinceGrowsWithTheGenericNumber) {
  // Numbers from 424 on are handed out in merge order, so a later number
  // never comes with an earlier release. Two numbers were reused later:
  // close_range's 436 was set aside in 5.3 but merged in 5.9, and 443 was
  // quotactl_path in the 5.13 cycle (disabled before release) and became
  // quotactl_fd in 5.14.
  std::pair<int, int> last{0, 0};
  for (const auto& e : catalogue()) {
    if (e.nr_x86_64 < 424) continue;
    const auto v = *parse_version(e.since);
    if (e.name != "close_range" && e.name != "quotactl_fd") {
      EXPECT_GE(v, last) << e.name << " (" << e.nr_x86_64 << ") since " << e.since;
      last = v;
    }
  }
}

TEST(Catalogue, ExpectationsAreSensible) {
  const std::set<int> early_errnos = {EBADF, EFAULT, EINVAL, ENXIO};
  const std::set<int> alt_errnos = {EPERM, EOPNOTSUPP, ENOSYS};
  for (const auto& e : catalogue()) {
    switch (e.expect.kind) {
      case Expectation::Kind::Errno:
        EXPECT_TRUE(early_errnos.count(e.expect.value))
            << e.name << ": " << e.expect.value << " is not an early-failure errno";
        break;
      case Expectation::Kind::Signal:
        // Only uretprobe kills its caller, and only with SIGILL.
        EXPECT_EQ(e.expect.value, SIGILL) << e.name;
        EXPECT_EQ(e.name, "uretprobe");
        break;
    }
    EXPECT_EQ(e.precheck == Precheck::None, e.alt_errno == 0)
        << e.name << ": a precheck needs an alternative answer and vice versa";
    if (e.alt_errno != 0) {
      EXPECT_TRUE(alt_errnos.count(e.alt_errno)) << e.name;
      EXPECT_NE(e.alt_errno, e.expect.value) << e.name;
    }
    EXPECT_FALSE(e.why.empty()) << e.name;
    EXPECT_LE(e.why.size(), 90U) << e.name << ": why must be one short line";
  }
}

TEST(Catalogue, PrivilegeChecksCarryEperm) {
  for (const auto& e : catalogue()) {
    if (e.precheck == Precheck::CapSysAdmin || e.precheck == Precheck::NoNewPrivsOrCapSysAdmin ||
        e.precheck == Precheck::IoUringAllowed) {
      EXPECT_EQ(e.alt_errno, EPERM) << e.name;
    }
  }
}

TEST(Catalogue, SortedByX86NumberWithArm64OnlyLast) {
  bool in_arm64_only = false;
  int last = -1;
  for (const auto& e : catalogue()) {
    if (e.nr_x86_64 < 0) {
      in_arm64_only = true;
      continue;
    }
    EXPECT_FALSE(in_arm64_only) << e.name << " follows an arm64-only entry";
    EXPECT_GT(e.nr_x86_64, last) << e.name;
    last = e.nr_x86_64;
  }
}

TEST(Catalogue, FindSyscallFindsEveryEntryAndNothingElse) {
  for (const auto& e : catalogue()) {
    const CatalogueEntry* found = find_syscall(e.name);
    ASSERT_NE(found, nullptr) << e.name;
    EXPECT_EQ(found, &e);
  }
  EXPECT_EQ(find_syscall(""), nullptr);
  EXPECT_EQ(find_syscall("CLONE3"), nullptr);
  EXPECT_EQ(find_syscall("clone"), nullptr);  // older than 5.0
  EXPECT_EQ(find_syscall("syscall_probe"), nullptr);
  EXPECT_EQ(find_syscall("cachestat "), nullptr);
}

TEST(Catalogue, NamedCallsOfTheIssueArePresent) {
  for (const char* name :
       {"clone3", "openat2", "pidfd_open", "pidfd_getfd", "close_range", "faccessat2",
        "process_madvise", "epoll_pwait2", "mount_setattr", "landlock_create_ruleset",
        "memfd_secret", "process_mrelease", "futex_waitv", "set_mempolicy_home_node",
        "cachestat", "fchmodat2", "map_shadow_stack", "futex_wake", "statmount", "listmount",
        "lsm_get_self_attr", "mseal", "uretprobe", "io_uring_setup"}) {
    EXPECT_NE(find_syscall(name), nullptr) << name;
  }
}

TEST(Catalogue, UretprobeIs335OnX86Only) {
  const CatalogueEntry* e = find_syscall("uretprobe");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->nr_x86_64, 335);
  EXPECT_EQ(e->nr_arm64, -1);
  EXPECT_EQ(e->expect.kind, Expectation::Kind::Signal);
}

TEST(Catalogue, ParsersReadTableSyntax) {
  const auto tbl = parse_syscall_tbl(
      "# comment\n"
      "424\tcommon\tpidfd_send_signal\tsys_pidfd_send_signal\n"
      "462 \tcommon  mseal\t\t\tsys_mseal\n"
      "512\tx32\trt_sigaction\t\tcompat_sys_rt_sigaction\n"
      "15\t64\trt_sigreturn\t\tsys_rt_sigreturn\tptregs\n");
  EXPECT_EQ(tbl.size(), 3U);
  EXPECT_EQ(tbl.at("pidfd_send_signal"), 424);
  EXPECT_EQ(tbl.at("mseal"), 462);
  EXPECT_EQ(tbl.at("rt_sigreturn"), 15);
  EXPECT_EQ(tbl.count("rt_sigaction"), 0U);

  const auto uni = parse_unistd_h(
      "#define __NR_clone3 435\n"
      "__SYSCALL(__NR_clone3, sys_clone3)\n"
      "#define __NR3264_fcntl 25\n"
      "#define __NR_fcntl __NR3264_fcntl\n"
      "#define __NR_syscalls 451\n");
  EXPECT_EQ(uni.at("clone3"), 435);
  EXPECT_EQ(uni.count("fcntl"), 0U);
  EXPECT_EQ(uni.count("3264_fcntl"), 0U);
}

TEST(Catalogue, ParseVersion) {
  EXPECT_EQ(parse_version("6.18.44-fc-v669"), std::pair(6, 18));
  EXPECT_EQ(parse_version("5.1"), std::pair(5, 1));
  EXPECT_EQ(parse_version("6"), std::nullopt);
  EXPECT_EQ(parse_version("v6.1"), std::nullopt);
  EXPECT_EQ(parse_version("6."), std::nullopt);
}

// ------------------------------------- CatalogueTables (Linux 6.1 sources)

constexpr const char* kTarball = "/usr/src/linux-source-6.1.tar.xz";
constexpr const char* kTblMember = "linux-source-6.1/arch/x86/entry/syscalls/syscall_64.tbl";
constexpr const char* kUnistdMember = "linux-source-6.1/include/uapi/asm-generic/unistd.h";

std::string run_capture(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  ::pclose(pipe);
  return out;
}

std::string read_whole(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The project cache: $SYSCALL_PROBE_CACHE, else ~/.cache/syscall-probe.
std::filesystem::path cache_root() {
  if (const char* c = std::getenv("SYSCALL_PROBE_CACHE"); c != nullptr && *c != '\0') return c;
  const char* home = std::getenv("HOME");
  return std::filesystem::path(home != nullptr ? home : "/tmp") / ".cache" / "syscall-probe";
}

/// Extracts the two 6.1 tables from the tarball once and keeps them in the
/// cache under a key made of the tarball's size and mtime, so later runs
/// skip the 20-50 s decompression. Returns the directory holding
/// linux-source-6.1/..., or an empty path with `log` saying why.
std::filesystem::path extracted_tables(std::string& log) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto size = fs::file_size(kTarball, ec);
  const auto mtime = fs::last_write_time(kTarball, ec).time_since_epoch().count();
  const fs::path base = cache_root() / "linux-source-6.1-tables";
  const fs::path dir = base / (std::to_string(size) + "-" + std::to_string(mtime));
  if (fs::exists(dir / kTblMember) && fs::exists(dir / kUnistdMember)) return dir;

  fs::create_directories(base, ec);
  std::string tmpl = ((ec ? fs::temp_directory_path() : base) / "extract-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) {
    log = "mkdtemp " + tmpl + ": " + std::strerror(errno);
    return {};
  }
  // One decompression for both members; stop once both were seen.
  log = run_capture(std::string("tar --occurrence=1 -xJf ") + kTarball + " -C " + tmpl + " " +
                    kTblMember + " " + kUnistdMember + " 2>&1");
  if (!ec) {
    fs::rename(tmpl, dir, ec);  // another run may have won the race: fine
    if (ec) fs::remove_all(tmpl, ec);
    if (fs::exists(dir / kTblMember)) return dir;
  }
  return tmpl;  // no cache: a private directory, left for the next run
}

class CatalogueTables : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!std::filesystem::exists(kTarball)) return;
    extract_log_ = new std::string;
    const auto dir = extracted_tables(*extract_log_);
    if (dir.empty()) return;
    x86_ = new std::map<std::string, int>(parse_syscall_tbl(read_whole(dir / kTblMember)));
    generic_ = new std::map<std::string, int>(parse_unistd_h(read_whole(dir / kUnistdMember)));
  }
  static void TearDownTestSuite() {
    delete x86_;
    delete generic_;
    delete extract_log_;
    x86_ = generic_ = nullptr;
    extract_log_ = nullptr;
  }
  void SetUp() override {
    if (!std::filesystem::exists(kTarball)) {
      if (must_work()) FAIL() << kTarball << " is missing (apt-get install linux-source-6.1)";
      GTEST_SKIP() << kTarball << " is missing (apt-get install linux-source-6.1)";
    }
    ASSERT_NE(x86_, nullptr) << *extract_log_;
    // Sanity: the parse found the tables (6.1 ends at 450 on both).
    ASSERT_EQ(x86_->count("set_mempolicy_home_node"), 1U) << *extract_log_;
    ASSERT_EQ(generic_->count("set_mempolicy_home_node"), 1U) << *extract_log_;
  }
  static std::map<std::string, int>* x86_;
  static std::map<std::string, int>* generic_;
  static std::string* extract_log_;
};
std::map<std::string, int>* CatalogueTables::x86_ = nullptr;
std::map<std::string, int>* CatalogueTables::generic_ = nullptr;
std::string* CatalogueTables::extract_log_ = nullptr;

// One test, so a cold cache costs one decompression (about 20-50 s here).
TEST_F(CatalogueTables, NumbersAndSinceAgreeWithLinux6_1) {
  int checked = 0;
  for (const auto& e : catalogue()) {
    if (*parse_version(e.since) > std::pair(6, 1)) continue;
    ++checked;
    if (e.nr_x86_64 >= 0) {
      ASSERT_EQ(x86_->count(std::string(e.name)), 1U) << e.name << " missing in 6.1 syscall_64.tbl";
      EXPECT_EQ(x86_->at(std::string(e.name)), e.nr_x86_64) << e.name << " (x86_64)";
    }
    if (e.nr_arm64 >= 0) {
      ASSERT_EQ(generic_->count(std::string(e.name)), 1U) << e.name << " missing in 6.1 unistd.h";
      EXPECT_EQ(generic_->at(std::string(e.name)), e.nr_arm64) << e.name << " (arm64/generic)";
    }
  }
  EXPECT_GE(checked, 25);

  // And every entry said to come after 6.1 must not be there yet.
  for (const auto& e : catalogue()) {
    if (*parse_version(e.since) <= std::pair(6, 1)) continue;
    EXPECT_EQ(x86_->count(std::string(e.name)), 0U) << e.name << " is in 6.1: since is wrong";
    EXPECT_EQ(generic_->count(std::string(e.name)), 0U) << e.name << " is in 6.1: since is wrong";
    if (e.nr_x86_64 >= 0) {
      for (const auto& [name, nr] : *x86_) {
        EXPECT_NE(nr, e.nr_x86_64) << e.name << "'s x86_64 number is " << name << " in 6.1";
      }
    }
  }
}

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
    case Answer::Kind::Returned:
      return "returned " + std::to_string(a.value);
    case Answer::Kind::Signal: {
      const char* name = ::sigabbrev_np(static_cast<int>(a.value));
      return std::string("signal SIG") + (name != nullptr ? name : std::to_string(a.value));
    }
    case Answer::Kind::Lost:
      return "no answer";
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
    case Outcome::Kind::Errno:
      return {Answer::Kind::Errno, o.err};
    case Outcome::Kind::Signal:
      return {Answer::Kind::Signal, o.signal};
    case Outcome::Kind::Returned:
      return {Answer::Kind::Returned, static_cast<long>(o.value)};
    case Outcome::Kind::Timeout:
    case Outcome::Kind::Error:
      break;
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
  if (got != sizeof record || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return {};
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

bool has_cap_sys_admin() {
  const std::string eff = status_field("CapEff");
  return !eff.empty() && ((std::stoull(eff, nullptr, 16) >> CAP_SYS_ADMIN) & 1U) != 0;
}

struct Machine {
  bool x86_64 = false;
  bool arm64 = false;
  std::pair<int, int> version{0, 0};
  bool kallsyms_read = false;
  /// entry symbol -> kallsyms type letter ('T', 't', 'W', ...)
  std::map<std::string, char> symbols;
};

Machine inspect_machine() {
  Machine m;
  utsname u{};
  ::uname(&u);
  m.x86_64 = std::string_view(u.machine) == "x86_64";
  m.arm64 = std::string_view(u.machine) == "aarch64";
  m.version = parse_version(u.release).value_or(std::pair(0, 0));
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
    if (sym.rfind(prefix, 0) == 0 && sym.find_first_of(" \t") == std::string::npos) {
      m.symbols[sym.substr(prefix.size())] = type.empty() ? '?' : type[0];
    }
  }
  return m;
}

/// Whether the entry's precheck passes for this process on this machine.
bool precheck_passes(Precheck p) {
  switch (p) {
    case Precheck::None:
      return true;
    case Precheck::CapSysAdmin:
      // may_mount() asks about the user namespace owning our mount namespace;
      // this test runs in the initial one, where that is CapEff.
      return has_cap_sys_admin();
    case Precheck::NoNewPrivsOrCapSysAdmin:
      return status_field("NoNewPrivs") == "1" || has_cap_sys_admin();
    case Precheck::IoUringAllowed: {
      const std::string v = read_text("/proc/sys/kernel/io_uring_disabled");
      if (v.empty() || v[0] == '0') return true;  // absent before 6.6
      if (v[0] == '2') return false;
      const std::string group = read_text("/proc/sys/kernel/io_uring_group");
      const auto gid = group.empty() ? static_cast<gid_t>(-1) : static_cast<gid_t>(std::stoul(group));
      return has_cap_sys_admin() || ::getegid() == gid;
    }
    case Precheck::LandlockEnabled:
      // The version query has no side effect; EOPNOTSUPP means not enabled.
      return ::syscall(SYS_landlock_create_ruleset, nullptr, 0, 1U /* VERSION */) >= 0;
    case Precheck::SecretmemEnabled: {
      const std::string v = read_text("/sys/module/secretmem/parameters/enable");
      return v.empty() || v[0] == 'Y';
    }
    case Precheck::UserShadowStack: {
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
  }
  return false;
}

/// The answer this machine's kernel must give to the entry.
Answer expected_here(const CatalogueEntry& e, const Machine& m, bool prechecks_pass,
                     std::string* reason) {
  const auto sym = m.symbols.find(std::string(e.name));
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
  if (e.expect.kind == Expectation::Kind::Signal) return {Answer::Kind::Signal, e.expect.value};
  return {Answer::Kind::Errno, e.expect.value};
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
    return nr(e) >= 0 && *parse_version(e.since) <= machine_.version;
  }
  Machine machine_;
};

bool same(const Answer& a, const Answer& b) { return a.kind == b.kind && a.value == b.value; }

TEST_F(CatalogueKernel, EveryEntryGetsItsAnswer) {
  const auto sys = make_linux_system();
  int checked = 0;
  for (const auto& e : catalogue()) {
    if (!applies(e)) continue;
    ++checked;
    std::string reason;
    const Answer want = expected_here(e, machine_, precheck_passes(e.precheck), &reason);
    const Answer got = attempt_with_probe(*sys, nr(e), e.args);
    EXPECT_TRUE(same(want, got)) << e.name << " (" << nr(e) << "): want " << describe(want)
                                 << " (" << reason << "), got " << describe(got);
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
  const bool nnp = status_field("NoNewPrivs") == "1";
  int privileged = 0;
  for (const auto& e : catalogue()) {
    if (!applies(e)) continue;
    bool passes = precheck_passes(e.precheck);
    if (e.precheck == Precheck::CapSysAdmin) passes = false;
    if (e.precheck == Precheck::NoNewPrivsOrCapSysAdmin) passes = nnp;
    if (e.precheck == Precheck::IoUringAllowed &&
        read_text("/proc/sys/kernel/io_uring_disabled").rfind('1', 0) == 0) {
      passes = ::getegid() == static_cast<gid_t>(
                                  std::stoul(read_text("/proc/sys/kernel/io_uring_group")));
    }
    std::string reason;
    const Answer want = expected_here(e, machine_, passes, &reason);
    if (want.kind == Answer::Kind::Errno && want.value == EPERM) ++privileged;
    const Answer got = call_in_child(nr(e), e.args, drop);
    EXPECT_TRUE(same(want, got)) << e.name << " without CAP_SYS_ADMIN: want " << describe(want)
                                 << " (" << reason << "), got " << describe(got);
  }
  EXPECT_GE(privileged, 4) << "the mount API entries should depend on CAP_SYS_ADMIN";
}

}  // namespace
}  // namespace probe
