// Every catalogue number and "since" against the real Linux 6.1 tables in
// /usr/src/linux-source-6.1.tar.xz (label unit: reads a file, runs no
// syscall under test).
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

#include "catalogue_util.h"
#include "must_work.h"

namespace probe {
namespace {

using testing::must_work;
using testing::parse_cond_syscalls;
using testing::parse_lines;
using testing::parse_syscall_tbl;
using testing::parse_tbl_rows;
using testing::parse_unistd_h;
using testing::parse_unistd_rows;
using testing::parse_version;
using testing::TblRow;

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
  // "" (older than 5.0) is in 6.1 as well.
  const auto since = [](const CatalogueEntry& e) {
    return e.since.empty() ? std::pair(0, 0) : *parse_version(e.since);
  };
  std::size_t checked_x86 = 0;
  for (const auto& e : catalogue()) {
    if (since(e) > std::pair(6, 1)) continue;
    if (e.nr_x86_64 >= 0) {
      ++checked_x86;
      ASSERT_EQ(x86_->count(std::string(e.name)), 1U) << e.name << " missing in 6.1 syscall_64.tbl";
      EXPECT_EQ(x86_->at(std::string(e.name)), e.nr_x86_64) << e.name << " (x86_64)";
    }
    // The 32/64-bit pairs (fcntl, mmap, ...) are __NR3264_* defines, which
    // the parse skips; CatalogueNewestTables checks those numbers.
    if (e.nr_arm64 >= 0 && (e.nr_arm64 >= 424 || generic_->count(std::string(e.name)) != 0)) {
      ASSERT_EQ(generic_->count(std::string(e.name)), 1U) << e.name << " missing in 6.1 unistd.h";
      EXPECT_EQ(generic_->at(std::string(e.name)), e.nr_arm64) << e.name << " (arm64/generic)";
    }
  }
  // Each x86_64 row of 6.1's table (common and 64) is one catalogue row checked above.
  EXPECT_EQ(checked_x86, x86_->size()) << "catalogue rows up to 6.1 with an x86_64 number";

  // And every entry said to come after 6.1 must not be there yet.
  for (const auto& e : catalogue()) {
    if (since(e) <= std::pair(6, 1)) continue;
    EXPECT_EQ(x86_->count(std::string(e.name)), 0U) << e.name << " is in 6.1: since is wrong";
    EXPECT_EQ(generic_->count(std::string(e.name)), 0U) << e.name << " is in 6.1: since is wrong";
    if (e.nr_x86_64 >= 0) {
      for (const auto& [name, nr] : *x86_) {
        EXPECT_NE(nr, e.nr_x86_64) << e.name << "'s x86_64 number is " << name << " in 6.1";
      }
    }
  }
}

// ------------- CatalogueNewestTables, CatalogueReleaseTables (the kernel's sources)

// What scripts/internal/kernel-tables leaves for one release (see its --help): its
// x86_64 and arm64 tables, kernel/sys_ni.c and the names its SYSCALL_DEFINEs
// define. The oracle of which numbers are sys_ni_syscall in that release.
class KernelSources : public ::testing::Test {
 protected:
  /// Loads the directory named by `env`; skips (fails under must_work) if
  /// the variable is not set.
  void load(const char* env) {
    const char* dir = std::getenv(env);
    if (dir == nullptr || *dir == '\0') {
      if (must_work()) FAIL() << env << " is not set (scripts/internal/kernel-tables)";
      GTEST_SKIP() << env << " is not set (run scripts/internal/kernel-tables)";
    }
    const std::filesystem::path d(dir);
    version_ = read_whole(d / "version");
    version_.erase(version_.find_last_not_of(" \n") + 1);
    ASSERT_TRUE(parse_version(version_).has_value()) << "version '" << version_ << "' in " << d;
    x86_ = parse_tbl_rows(read_whole(d / "x86_64.tbl"), "common,64");
    if (std::filesystem::exists(d / "arm64.tbl")) {
      std::string abis = read_whole(d / "arm64.abis");
      abis.erase(abis.find_last_not_of(" \n") + 1);
      arm_ = parse_tbl_rows(read_whole(d / "arm64.tbl"), abis);
      arm_complete_ = true;
    } else {
      arm_ = parse_unistd_rows(read_whole(d / "arm64.unistd.h"));
    }
    cond_ = parse_cond_syscalls(read_whole(d / "sys_ni.c"));
    const auto generic = parse_lines(read_whole(d / "defined.generic"));
    defined_x86_ = parse_lines(read_whole(d / "defined.x86_64"));
    defined_arm_ = parse_lines(read_whole(d / "defined.arm64"));
    defined_x86_.insert(generic.begin(), generic.end());
    defined_arm_.insert(generic.begin(), generic.end());
    kconfig_x86_ = read_whole(d / "x86_64.Kconfig");
    kconfig_arm_ = read_whole(d / "arm64.Kconfig");
    // Sanity: every file parsed (5.10 has 357 x86_64 numbers, 6.1 sys_ni.c
    // ~230 stubs, 400+ definitions).
    ASSERT_GE(x86_.size(), 340U) << d;
    ASSERT_GE(arm_.size(), 280U) << d;
    ASSERT_GE(cond_.size(), 100U) << d;
    ASSERT_GE(generic.size(), 300U) << d;
    ASSERT_EQ(cond_.count("io_uring_setup"), 1U) << d;
    ASSERT_TRUE(selects(kconfig_x86_, "ARCH_HAS_PKEYS")) << d;  // x86 has had pkeys since 4.9
  }

  /// Whether an architecture's Kconfig text selects `symbol` anywhere (a
  /// "select SYMBOL" line, conditional or not).
  static bool selects(const std::string& kconfig, const std::string& symbol) {
    std::istringstream in(kconfig);
    std::string line;
    while (std::getline(in, line)) {
      std::istringstream words(line);
      std::string select;
      std::string what;
      if ((words >> select >> what) && select == "select" && what == symbol) return true;
    }
    return false;
  }

  /// Whether the release's kernel answers the table row with sys_ni_syscall:
  /// no entry, sys_ni_syscall itself, or a COND_SYSCALL stub that no
  /// SYSCALL_DEFINE of the architecture replaces (lookup_dcookie from 5.12
  /// to 6.5: sys_lookup_dcookie in the tables, defined nowhere), also where
  /// the only definition is generic code behind a Kconfig symbol the
  /// architecture never selects (kGuarded).
  bool not_implemented(const TblRow& r, bool arm64) const {
    if (r.entry.empty() || r.entry == "sys_ni_syscall") return true;
    if (r.entry.rfind("sys_", 0) != 0) return false;
    const std::string fn = r.entry.substr(4);
    const auto& defined = arm64 ? defined_arm_ : defined_x86_;
    if (cond_.count(fn) == 0) return false;
    if (defined.count(fn) == 0) return true;
    const auto guard = kGuarded.find(fn);
    return guard != kGuarded.end() && !selects(arm64 ? kconfig_arm_ : kconfig_x86_, guard->second);
  }

  // Generic definitions inside #ifdef CONFIG_<symbol>, a symbol only an
  // architecture selects: mm/mprotect.c's pkey calls need ARCH_HAS_PKEYS
  // (x86 since 4.9, arm64 with POE from 6.12).
  const std::map<std::string, std::string> kGuarded = {{"pkey_mprotect", "ARCH_HAS_PKEYS"},
                                                       {"pkey_alloc", "ARCH_HAS_PKEYS"},
                                                       {"pkey_free", "ARCH_HAS_PKEYS"}};

  /// Whether the catalogue says the entry exists in this release at all.
  bool in_release(const CatalogueEntry& e) const {
    return e.since.empty() || *parse_version(e.since) <= *parse_version(version_);
  }

  void check_arch(bool arm64) {
    const char* arch = arm64 ? "arm64" : "x86_64";
    const auto& table = arm64 ? arm_ : x86_;
    const bool complete = arm64 ? arm_complete_ : true;
    int never = 0;
    // Every number of the kernel's table has its row, with that number,
    // and sys_ni_syscall in this release exactly where the kernel says so.
    // (Before 6.11 arm64's table is asm-generic/unistd.h, whose names
    // include blocks arm64 does not build: read it through the rows only.)
    for (const auto& [name, row] : table) {
      const CatalogueEntry* e = find_syscall(name);
      if (!complete && (e == nullptr || (arm64 ? e->nr_arm64 : e->nr_x86_64) < 0)) continue;
      ASSERT_NE(e, nullptr) << name << " (" << arch << " " << row.nr << ") has no catalogue row";
      EXPECT_EQ(arm64 ? e->nr_arm64 : e->nr_x86_64, row.nr) << name << " (" << arch << ")";
      EXPECT_TRUE(in_release(*e)) << name << " is in " << version_ << " but since "
                                  << std::string_view(e->since);
      const bool ni = not_implemented(row, arm64);
      never += ni ? 1 : 0;
      const auto kind = expected_kind(e->expect, version_, arm64);
      EXPECT_EQ(kind == Expectation::Kind::NeverImplemented, ni)
          << name << " (" << arch << ", entry '" << row.entry << "') is " << (ni ? "" : "not ")
          << "sys_ni_syscall in " << version_ << ", the catalogue says the opposite";
      if (!ni) {
        EXPECT_EQ(row.entry, "sys_" + std::string(entry_point(*e, arm64)))
            << name << " (" << arch << "): entry_point() disagrees with the table";
      }
    }
    EXPECT_GE(never, arm64 ? 1 : 14) << arch;
    // And every row this release has is in the table with its number; the
    // rows of later releases are not.
    for (const auto& e : catalogue()) {
      const int nr = arm64 ? e.nr_arm64 : e.nr_x86_64;
      if (nr < 0) continue;
      const auto it = table.find(std::string(e.name));
      if (in_release(e)) {
        EXPECT_TRUE(it != table.end() && it->second.nr == nr)
            << e.name << " has " << arch << " number " << nr << ", which " << version_
            << " does not give it";
      } else {
        EXPECT_TRUE(it == table.end()) << e.name << " is in " << version_ << ": since is wrong";
        if (!complete) continue;
        for (const auto& [name, row] : table) {
          EXPECT_NE(row.nr, nr) << e.name << "'s " << arch << " number is " << name << " in "
                                << version_;
        }
      }
    }
  }

  std::string version_;
  std::map<std::string, TblRow> x86_;
  std::map<std::string, TblRow> arm_;
  bool arm_complete_ = false;
  std::set<std::string> cond_;
  std::set<std::string> defined_x86_;
  std::set<std::string> defined_arm_;
  std::string kconfig_x86_;
  std::string kconfig_arm_;
};

// The newest Linux source Debian ships: SYSCALL_PROBE_KERNEL_TABLES, set by
// CTest's probe.catalogue-newest-tables.
class CatalogueNewestTables : public KernelSources {
 protected:
  void SetUp() override { load("SYSCALL_PROBE_KERNEL_TABLES"); }
};

TEST_F(CatalogueNewestTables, EveryX86_64NumberHasItsRow) {
  check_arch(false);
}

TEST_F(CatalogueNewestTables, EveryArm64NumberHasItsRow) {
  check_arch(true);
}

TEST_F(CatalogueNewestTables, NoRowIsNewerThanTheSources) {
  const auto have = *parse_version(version_);
  for (const auto& e : catalogue()) {
    if (e.since.empty()) continue;
    EXPECT_LE(*parse_version(e.since), have) << e.name << " since " << std::string_view(e.since)
                                             << " is newer than the " << version_ << " sources";
  }
}

// A release the matrix boots (5.10, 6.1, 6.12: Debian's linux-source of
// bullseye, bookworm, trixie): SYSCALL_PROBE_RELEASE_TABLES, set by CTest's
// probe.catalogue-release-tables-VERSION. The catalogue's answer for that
// release (expected_kind: removed_in) must say sys_ni_syscall exactly where
// the release's own sources do.
class CatalogueReleaseTables : public KernelSources {
 protected:
  void SetUp() override { load("SYSCALL_PROBE_RELEASE_TABLES"); }
};

TEST_F(CatalogueReleaseTables, X86_64RowsMatchTheRelease) {
  check_arch(false);
}

TEST_F(CatalogueReleaseTables, Arm64RowsMatchTheRelease) {
  check_arch(true);
}

}  // namespace
}  // namespace probe
