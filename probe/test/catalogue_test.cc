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

using testing::parse_cond_syscalls;
using testing::parse_syscall_tbl;
using testing::parse_unistd_h;
using testing::parse_unistd_rows;
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
    ASSERT_TRUE(v.has_value()) << e.name << ": since '" << std::string_view(e.since) << "'";
    EXPECT_EQ(std::to_string(v->first) + "." + std::to_string(v->second), std::string_view(e.since))
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
      EXPECT_GE(v, last) << e.name << " (" << e.nr_x86_64 << ") since "
                         << std::string_view(e.since);
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

// _sysctl and lookup_dcookie were dropped from the kernel (88db0aa24216 in
// 5.9, be65de6b03aa in 5.12): older kernels answer the row's errno, newer
// ones are sys_ni_syscall. CatalogueReleaseTables checks the releases against
// the kernel's own sources.
TEST(Catalogue, RemovedCallsFollowTheRelease) {
  using Kind = Expectation::Kind;
  const CatalogueEntry* dcookie = find_syscall("lookup_dcookie");
  ASSERT_NE(dcookie, nullptr);
  EXPECT_EQ(expected_kind(dcookie->expect, "5.10.0-35-amd64", false), Kind::Errno);
  EXPECT_EQ(expected_value(dcookie->expect, "5.10.0-35-amd64"), EINVAL);
  EXPECT_EQ(dcookie->precheck, Precheck::CapSysAdmin);
  EXPECT_EQ(expected_kind(dcookie->expect, "5.11.22", false), Kind::Errno);
  EXPECT_EQ(expected_kind(dcookie->expect, "5.12.0", false), Kind::NeverImplemented);
  EXPECT_EQ(expected_kind(dcookie->expect, "6.1.0-18-amd64", false), Kind::NeverImplemented);
  EXPECT_EQ(expected_kind(dcookie->expect, "6.18.44-fc-v1272", false), Kind::NeverImplemented);
  // A release that is not a version reads as the newest kernels.
  EXPECT_EQ(expected_kind(dcookie->expect, "not a release", false), Kind::NeverImplemented);

  const CatalogueEntry* sysctl = find_syscall("_sysctl");
  ASSERT_NE(sysctl, nullptr);
  EXPECT_EQ(expected_kind(sysctl->expect, "5.4.0-150-generic", false), Kind::Errno);
  EXPECT_EQ(expected_value(sysctl->expect, "5.4.0-150-generic"), EFAULT);
  EXPECT_EQ(expected_kind(sysctl->expect, "5.8.18", false), Kind::Errno);
  EXPECT_EQ(expected_kind(sysctl->expect, "5.9.0", false), Kind::NeverImplemented);
  EXPECT_EQ(expected_kind(sysctl->expect, "5.10.0-35-amd64", false), Kind::NeverImplemented);

  // The same answers on arm64.
  EXPECT_EQ(expected_kind(dcookie->expect, "5.10.0-35-arm64", true), Kind::Errno);
  EXPECT_EQ(expected_kind(dcookie->expect, "6.1.0-18-arm64", true), Kind::NeverImplemented);

  // map_shadow_stack: 453 on both since 6.6, on arm64 only a stub before GCS (6.13).
  const CatalogueEntry* shstk = find_syscall("map_shadow_stack");
  ASSERT_NE(shstk, nullptr);
  EXPECT_EQ(expected_kind(shstk->expect, "6.12.57+deb13-arm64", true), Kind::NeverImplemented);
  EXPECT_EQ(expected_kind(shstk->expect, "6.12.57+deb13-amd64", false), Kind::Errno);
  EXPECT_EQ(expected_kind(shstk->expect, "6.13.0", true), Kind::Errno);
  EXPECT_EQ(expected_kind(shstk->expect, "not a release", true), Kind::Errno);
  EXPECT_EQ(expected_value(shstk->expect, "6.18.0"), EINVAL);

  // The pkey calls: arm64 has them with POE, from 6.12.
  for (const char* name : {"pkey_mprotect", "pkey_alloc", "pkey_free"}) {
    const CatalogueEntry* e = find_syscall(name);
    ASSERT_NE(e, nullptr) << name;
    EXPECT_EQ(expected_kind(e->expect, "6.1.0-50-cloud-arm64", true), Kind::NeverImplemented);
    EXPECT_EQ(expected_kind(e->expect, "6.12.57+deb13-arm64", true), Kind::Errno) << name;
    EXPECT_EQ(expected_kind(e->expect, "5.10.0-32-cloud-amd64", false), Kind::Errno) << name;
  }

  // A row without removed_in keeps its kind in every release.
  for (const char* release : {"4.19.0", "5.10.0-35-amd64", "6.18.5", "not a release"}) {
    EXPECT_EQ(expected_kind(find_syscall("read")->expect, release, false), Kind::Errno) << release;
    EXPECT_EQ(expected_kind(find_syscall("getpid")->expect, release, false), Kind::Returns)
        << release;
    EXPECT_EQ(expected_kind(find_syscall("afs_syscall")->expect, release, false),
              Kind::NeverImplemented)
        << release;
  }

  // Every removed call was a call before: a probed, implemented kind, a
  // release after its `since`, and no change of errno after its removal.
  for (const auto& e : catalogue()) {
    if (e.expect.removed_in.empty()) continue;
    EXPECT_TRUE(e.expect.kind == Kind::Errno || e.expect.kind == Kind::Returns) << e.name;
    const auto removed = kernel_version(e.expect.removed_in);
    ASSERT_TRUE(removed.has_value()) << e.name;
    if (!e.since.empty()) {
      EXPECT_GT(*removed, *kernel_version(e.since)) << e.name;
    }
    if (!e.expect.changed_in.empty()) {
      EXPECT_LT(*kernel_version(e.expect.changed_in), *removed) << e.name;
    }
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
    if (!e.expect.removed_in.empty()) {
      answer += std::string("; ENOSYS (removed) from ") + std::string(e.expect.removed_in);
    }
    if (!e.expect.arm64_from.empty()) {
      answer += std::string("; ENOSYS on arm64 before ") + std::string(e.expect.arm64_from);
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

  // Lines as Linux 6.1's include/uapi/asm-generic/unistd.h writes them.
  const auto rows = parse_unistd_rows(
      "#define __NR_lookup_dcookie 18\n"
      "__SC_COMP(__NR_lookup_dcookie, sys_lookup_dcookie, compat_sys_lookup_dcookie)\n"
      "#define __NR3264_fcntl 25\n"
      "__SC_COMP_3264(__NR3264_fcntl, sys_fcntl64, sys_fcntl, compat_sys_fcntl64)\n"
      "#define __NR_nfsservctl 42\n"
      "__SYSCALL(__NR_nfsservctl, sys_ni_syscall)\n"
      "#define __NR3264_statfs 43\n"
      "__SC_COMP_3264(__NR3264_statfs, sys_statfs64, sys_statfs, \\\n"
      "\t       compat_sys_statfs64)\n"
      "#define __NR_clock_gettime 113\n"
      "__SC_3264(__NR_clock_gettime, sys_clock_gettime32, sys_clock_gettime)\n"
      "#define __NR_syscalls 451\n"
      "#if __BITS_PER_LONG == 64 && !defined(__SYSCALL_COMPAT)\n"
      "#define __NR_fcntl __NR3264_fcntl\n"
      "#if defined(__ARCH_WANT_NEW_STAT) || defined(__ARCH_WANT_STAT64)\n"
      "#define __NR_newfstatat __NR3264_fstatat\n"
      "#endif\n"
      "#define __NR_statfs __NR3264_statfs\n"
      "#else\n"
      "#define __NR_fcntl64 __NR3264_fcntl\n"
      "#endif\n");
  EXPECT_EQ(rows.at("lookup_dcookie").nr, 18);
  EXPECT_EQ(rows.at("lookup_dcookie").entry, "sys_lookup_dcookie");
  EXPECT_EQ(rows.at("nfsservctl").entry, "sys_ni_syscall");
  EXPECT_EQ(rows.at("fcntl").nr, 25);
  EXPECT_EQ(rows.at("fcntl").entry, "sys_fcntl");
  EXPECT_EQ(rows.at("statfs").entry, "sys_statfs");
  EXPECT_EQ(rows.at("clock_gettime").entry, "sys_clock_gettime");
  EXPECT_EQ(rows.count("fcntl64"), 0U);     // the 32-bit name
  EXPECT_EQ(rows.count("newfstatat"), 0U);  // no number defined above
  EXPECT_EQ(rows.count("syscalls"), 0U);

  const auto cond = parse_cond_syscalls(
      "/* fs/cookies.c */\n"
      "COND_SYSCALL(lookup_dcookie);\n"
      "COND_SYSCALL_COMPAT(lookup_dcookie);\n"
      "COND_SYSCALL(io_uring_setup);\n");
  EXPECT_EQ(cond, (std::set<std::string>{"io_uring_setup", "lookup_dcookie"}));
}

TEST(Catalogue, ParseVersion) {
  EXPECT_EQ(parse_version("6.18.44-fc-v669"), std::pair(6, 18));
  EXPECT_EQ(parse_version("5.1"), std::pair(5, 1));
  EXPECT_EQ(parse_version("6"), std::nullopt);
  EXPECT_EQ(parse_version("v6.1"), std::nullopt);
  EXPECT_EQ(parse_version("6."), std::nullopt);
}

// Each row keeps the subject of the file it was written in (catalogue.cc
// joins them), and every name of the table has one.
TEST(Catalogue, EveryRowKnowsItsSubject) {
  const std::pair<const char*, Subsystem> known[] = {
      {"cachestat", Subsystem::Since5_0},   {"read", Subsystem::Files},
      {"mmap", Subsystem::Memory},          {"kill", Subsystem::Processes},
      {"clock_gettime", Subsystem::Clocks}, {"socket", Subsystem::IpcNet},
      {"reboot", Subsystem::Machine},
  };
  for (const auto& [name, subject] : known) {
    EXPECT_EQ(subsystem_of(name), subject) << name;
  }
  std::set<std::string_view> names;
  for (const auto& e : catalogue()) {
    EXPECT_TRUE(subsystem_of(e.name).has_value()) << e.name;
    names.insert(subsystem_name(*subsystem_of(e.name)));
  }
  EXPECT_EQ(names.size(), 7U) << "one name per subject";
  EXPECT_FALSE(subsystem_of("not_a_call").has_value());
}

}  // namespace
}  // namespace probe
