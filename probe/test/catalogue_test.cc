// The catalogue table's own invariants (label unit). Its numbers against the
// real Linux 6.1 tables: catalogue_tables_test.cc; every entry called on this
// machine's kernel: catalogue_kernel_test.cc.
#include "catalogue.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "catalogue_util.h"
#include "precheck.h"

namespace probe {
namespace {

using testing::parse_syscall_tbl;
using testing::parse_unistd_h;
using testing::parse_version;

// ------------------------------------------------------ Catalogue (pure)

TEST(Catalogue, CoversTheWholeTable) {
  // 386 names on x86_64 (0-336, 424-472), 328 on arm64; the exact match with
  // the kernel's tables is catalogue_tables_test.cc.
  EXPECT_GE(catalogue().size(), 386U);
}

TEST(Catalogue, AtMostFivePercentNotProbedPerArchitecture) {
  std::size_t x86 = 0, x86_np = 0, arm = 0, arm_np = 0;
  for (const auto& e : catalogue()) {
    const bool np = !probed(e);
    if (e.nr_x86_64 >= 0) ++x86, x86_np += np ? 1 : 0;
    if (e.nr_arm64 >= 0) ++arm, arm_np += np ? 1 : 0;
  }
  EXPECT_LE(x86_np * 20, x86) << x86_np << " of " << x86 << " x86_64 rows not probed";
  EXPECT_LE(arm_np * 20, arm) << arm_np << " of " << arm << " arm64 rows not probed";
}

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
    if (e.since.empty()) {
      // Older than 5.0: below the first number handed out after it.
      EXPECT_TRUE(e.nr_x86_64 < 424 || e.nr_x86_64 < 0) << e.name;
      EXPECT_NE(e.nr_x86_64, 335) << e.name;
      EXPECT_NE(e.nr_x86_64, 336) << e.name;
      continue;
    }
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
    if (e.nr_x86_64 < 424 || e.since.empty()) continue;
    const auto v = *parse_version(e.since);
    if (e.name != "close_range" && e.name != "quotactl_fd") {
      EXPECT_GE(v, last) << e.name << " (" << e.nr_x86_64 << ") since " << e.since;
      last = v;
    }
  }
}

TEST(Catalogue, ExpectationsAreSensible) {
  // Beyond the usual three: ENXIO (uprobe), ESRCH (a pid that names no
  // task), ERANGE (getcwd's 0-byte buffer), ENOENT (msgget's lookup), ENOMEM
  // (mlock/munlock of an unmapped page), ENOEXEC (init_module's 0-byte
  // image), EINTR (restart_syscall with nothing to restart), EOPNOTSUPP
  // (keyctl's unknown operation).
  const std::set<int> early_errnos = {EBADF,  EFAULT, EINVAL,  ENXIO, ESRCH,     ERANGE,
                                      ENOENT, ENOMEM, ENOEXEC, EINTR, EOPNOTSUPP};
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
      case Expectation::Kind::Returns:
      case Expectation::Kind::NeverImplemented: EXPECT_EQ(e.expect.value, 0) << e.name; break;
      case Expectation::Kind::NotProbed:
        EXPECT_EQ(e.expect.value, 0) << e.name;
        EXPECT_EQ(e.precheck, Precheck::None) << e.name;
        break;
    }
    EXPECT_EQ(e.precheck == Precheck::None, e.alt_errno == 0)
        << e.name << ": a precheck needs an alternative answer and vice versa";
    if (e.alt_errno != 0) {
      EXPECT_TRUE(alt_errnos.count(e.alt_errno)) << e.name;
      EXPECT_NE(e.alt_errno, e.expect.value) << e.name;
    }
    if (kCatalogueWhy) {
      EXPECT_FALSE(e.why.text.empty()) << e.name;
      EXPECT_LE(e.why.text.size(), 90U) << e.name << ": why must be one short line";
    } else {
      EXPECT_TRUE(e.why.text.empty()) << e.name << ": this build drops the why lines";
    }
  }
}

TEST(Catalogue, PrivilegeChecksCarryEperm) {
  for (const auto& e : catalogue()) {
    if (privilege_check(e.precheck)) {
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
  EXPECT_EQ(find_syscall("fork")->expect.kind, Expectation::Kind::NotProbed);
  EXPECT_EQ(find_syscall("getpid")->expect.kind, Expectation::Kind::Returns);
  EXPECT_EQ(find_syscall("syscall_probe"), nullptr);
  EXPECT_EQ(find_syscall("cachestat "), nullptr);
}

TEST(Catalogue, NamedCallsOfTheIssueArePresent) {
  for (const char* name : {"clone3",
                           "openat2",
                           "pidfd_open",
                           "pidfd_getfd",
                           "close_range",
                           "faccessat2",
                           "process_madvise",
                           "epoll_pwait2",
                           "mount_setattr",
                           "landlock_create_ruleset",
                           "memfd_secret",
                           "process_mrelease",
                           "futex_waitv",
                           "set_mempolicy_home_node",
                           "cachestat",
                           "fchmodat2",
                           "map_shadow_stack",
                           "futex_wake",
                           "statmount",
                           "listmount",
                           "lsm_get_self_attr",
                           "mseal",
                           "uretprobe",
                           "io_uring_setup"}) {
    EXPECT_NE(find_syscall(name), nullptr) << name;
  }
}

TEST(Catalogue, EntryPointsDifferOnlyWhereTheTablesSay) {
  EXPECT_EQ(entry_point(*find_syscall("read"), false), "read");
  EXPECT_EQ(entry_point(*find_syscall("fstat"), false), "newfstat");
  EXPECT_EQ(entry_point(*find_syscall("umount2"), true), "umount");
  EXPECT_EQ(entry_point(*find_syscall("fadvise64"), false), "fadvise64");
  EXPECT_EQ(entry_point(*find_syscall("fadvise64"), true), "fadvise64_64");
}

TEST(Catalogue, UretprobeIs335OnX86Only) {
  const CatalogueEntry* e = find_syscall("uretprobe");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->nr_x86_64, 335);
  EXPECT_EQ(e->nr_arm64, -1);
  EXPECT_EQ(e->expect.kind, Expectation::Kind::Signal);
}

// fsetxattr, fgetxattr and fremovexattr read the name before the fd since
// 6.13 (EFAULT), the fd first before (EBADF): the expectation follows the
// running kernel's release.
TEST(Catalogue, AnswersThatChangedFollowTheRelease) {
  for (const char* name : {"fsetxattr", "fgetxattr", "fremovexattr"}) {
    const CatalogueEntry* e = find_syscall(name);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_EQ(expected_value(e->expect, "5.10.0-35-amd64"), EBADF) << name;
    EXPECT_EQ(expected_value(e->expect, "6.12.57+deb13-amd64"), EBADF) << name;
    EXPECT_EQ(expected_value(e->expect, "6.13.0"), EFAULT) << name;
    EXPECT_EQ(expected_value(e->expect, "6.18.5+deb14-amd64"), EFAULT) << name;
    EXPECT_EQ(expected_value(e->expect, "not a release"), EFAULT) << name;
  }
  const CatalogueEntry* same = find_syscall("flistxattr");
  ASSERT_NE(same, nullptr);
  EXPECT_TRUE(same->expect.changed_in.empty());
  EXPECT_EQ(expected_value(same->expect, "5.10.0-35-amd64"), EBADF);
  // Every changed answer is an Errno row with a release and two errnos.
  for (const auto& e : catalogue()) {
    if (e.expect.changed_in.empty()) continue;
    EXPECT_EQ(e.expect.kind, Expectation::Kind::Errno) << e.name;
    EXPECT_TRUE(kernel_version(e.expect.changed_in).has_value()) << e.name;
    EXPECT_NE(e.expect.value_before, 0) << e.name;
    EXPECT_NE(e.expect.value_before, e.expect.value) << e.name;
  }
}

// docs/catalogue.md has one table row per entry, with its numbers and answer.
TEST(Catalogue, DocsTableHasEveryRow) {
  std::ifstream in(std::string(PROBE_DOCS_DIR) + "/catalogue.md");
  ASSERT_TRUE(in) << PROBE_DOCS_DIR << "/catalogue.md";
  std::map<std::string, std::vector<std::string>, std::less<>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("| ", 0) != 0) continue;
    std::vector<std::string> cells;
    std::istringstream cols(line.substr(1));
    std::string cell;
    while (std::getline(cols, cell, '|')) {
      const auto b = cell.find_first_not_of(' ');
      const auto e = cell.find_last_not_of(' ');
      cells.push_back(b == std::string::npos ? "" : cell.substr(b, e - b + 1));
    }
    if (cells.size() >= 6) rows[cells[0]] = cells;
  }
  const auto number = [](int nr) { return nr < 0 ? std::string("—") : std::to_string(nr); };
  for (const auto& e : catalogue()) {
    const auto it = rows.find(e.name);
    ASSERT_NE(it, rows.end()) << e.name << " has no row in docs/catalogue.md";
    const auto& cells = it->second;
    EXPECT_EQ(cells[1], number(e.nr_x86_64)) << e.name;
    EXPECT_EQ(cells[2], number(e.nr_arm64)) << e.name;
    EXPECT_EQ(cells[3], e.since.empty() ? std::string("<5.0") : std::string(e.since)) << e.name;
    std::string answer;
    switch (e.expect.kind) {
      case Expectation::Kind::Errno:
        answer = ::strerrorname_np(e.expect.value);
        if (!e.expect.changed_in.empty()) {
          answer += std::string(" (") + ::strerrorname_np(e.expect.value_before) + " before " +
                    std::string(e.expect.changed_in) + ")";
        }
        break;
      case Expectation::Kind::Signal:
        answer = std::string("SIG") + ::sigabbrev_np(e.expect.value);
        break;
      case Expectation::Kind::Returns: answer = "returns ≥ 0"; break;
      case Expectation::Kind::NotProbed: answer = "not probed"; break;
      case Expectation::Kind::NeverImplemented: answer = "ENOSYS (never implemented)"; break;
    }
    EXPECT_EQ(cells[5], answer) << e.name;
  }
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

}  // namespace
}  // namespace probe
