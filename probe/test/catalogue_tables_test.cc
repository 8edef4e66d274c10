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
using testing::parse_syscall_tbl;
using testing::parse_tbl_rows;
using testing::parse_unistd_h;
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
  int checked = 0;
  for (const auto& e : catalogue()) {
    if (since(e) > std::pair(6, 1)) continue;
    ++checked;
    if (e.nr_x86_64 >= 0) {
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
  EXPECT_GE(checked, 25);

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

// ------------------------- CatalogueNewestTables (the newest Debian sources)

// The tables of the newest Linux source Debian ships, in a directory made by
// scripts/kernel-tables (x86_64.tbl, arm64.tbl, arm64.abis, version), named
// by SYSCALL_PROBE_KERNEL_TABLES. CTest's probe.catalogue-newest-tables sets
// it; without it the suite skips (a failure under SYSCALL_PROBE_MUST_WORK=1).
class CatalogueNewestTables : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* dir = std::getenv("SYSCALL_PROBE_KERNEL_TABLES");
    if (dir == nullptr || *dir == '\0') {
      if (must_work()) FAIL() << "SYSCALL_PROBE_KERNEL_TABLES is not set (scripts/kernel-tables)";
      GTEST_SKIP() << "SYSCALL_PROBE_KERNEL_TABLES is not set (run scripts/kernel-tables)";
    }
    const std::filesystem::path d(dir);
    std::string abis = read_whole(d / "arm64.abis");
    abis.erase(abis.find_last_not_of(" \n") + 1);
    version_ = read_whole(d / "version");
    version_.erase(version_.find_last_not_of(" \n") + 1);
    x86_ = parse_tbl_rows(read_whole(d / "x86_64.tbl"), "common,64");
    arm_ = parse_tbl_rows(read_whole(d / "arm64.tbl"), abis);
    // Sanity: both tables parsed, and they reach past everything before 6.18.
    ASSERT_TRUE(parse_version(version_).has_value()) << "version '" << version_ << "'";
    ASSERT_GE(x86_.size(), 380U) << d;
    ASSERT_GE(arm_.size(), 320U) << d << " with ABIs " << abis;
  }
  /// A table row whose entry point means "no kernel function".
  static bool unimplemented(const TblRow& r) {
    return r.entry.empty() || r.entry == "sys_ni_syscall";
  }
  void check_arch(const std::map<std::string, TblRow>& table, bool arm64) {
    const char* arch = arm64 ? "arm64" : "x86_64";
    // Every number of the kernel's table has its row, with that number.
    for (const auto& [name, row] : table) {
      const CatalogueEntry* e = find_syscall(name);
      ASSERT_NE(e, nullptr) << name << " (" << arch << " " << row.nr << ") has no catalogue row";
      EXPECT_EQ(arm64 ? e->nr_arm64 : e->nr_x86_64, row.nr) << name << " (" << arch << ")";
      if (unimplemented(row)) {
        // Reserved numbers, and calls removed before these sources whose row
        // keeps the answer of the older kernels that had them.
        EXPECT_TRUE(e->expect.kind == Expectation::Kind::NeverImplemented ||
                    kRemoved.count(e->name) != 0)
            << name << " is sys_ni_syscall in " << version_ << " (" << arch << ")";
      } else {
        EXPECT_EQ(row.entry, "sys_" + std::string(entry_point(*e, arm64)))
            << name << " (" << arch << "): entry_point() disagrees with the table";
      }
    }
    // And no row claims a number the table does not have.
    for (const auto& e : catalogue()) {
      const int nr = arm64 ? e.nr_arm64 : e.nr_x86_64;
      if (nr < 0) continue;
      const auto it = table.find(std::string(e.name));
      EXPECT_TRUE(it != table.end() && it->second.nr == nr)
          << e.name << " has " << arch << " number " << nr << ", which " << version_
          << " does not give it";
    }
  }
  // In the tables as sys_ni_syscall or without an entry, but implemented by
  // kernels the probe still meets (uselib with CONFIG_USELIB, up to 6.12 at
  // least; _sysctl until 5.4).
  const std::set<std::string_view> kRemoved = {"uselib", "_sysctl"};
  std::string version_;
  std::map<std::string, TblRow> x86_;
  std::map<std::string, TblRow> arm_;
};

TEST_F(CatalogueNewestTables, EveryX86_64NumberHasItsRow) {
  check_arch(x86_, false);
}

TEST_F(CatalogueNewestTables, EveryArm64NumberHasItsRow) {
  check_arch(arm_, true);
}

TEST_F(CatalogueNewestTables, NoRowIsNewerThanTheSources) {
  const auto have = *parse_version(version_);
  for (const auto& e : catalogue()) {
    if (e.since.empty()) continue;
    EXPECT_LE(*parse_version(e.since), have)
        << e.name << " since " << e.since << " is newer than the " << version_ << " sources";
  }
}

}  // namespace
}  // namespace probe
