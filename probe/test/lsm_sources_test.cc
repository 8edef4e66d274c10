// The lockdown gates (catalogue_lockdown.h) and the LSM ids (lsm.cc) against
// a Linux source tree: lsm_sources.sh names the tree and the files that call
// security_locked_down(), found by grep. Run through
// probe.lsm-sources-<release> (label kernel-build) only.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "catalogue.h"
#include "lsm.h"

#include "must_work.h"

namespace probe {
namespace {

using testing::must_work;

// Catalogue calls defined in a file that calls security_locked_down(), whose
// lockdown check the catalogue's bad arguments never reach.
const std::map<std::string, std::string> kGatedAfterArguments{
    {"iopl", "level 4 > 3 is refused before CAP_SYS_RAWIO and lockdown"},
    {"ioperm", "ports beyond 65535 are refused before CAP_SYS_RAWIO and lockdown"},
    {"kexec_file_load", "only an image whose signature fails, read from the fd after the flags"},
    {"perf_event_open", "only PERF_SAMPLE_REGS_INTR, in the attributes read after the flags"},
    // Before 6.0 kernel/module.c held the loader and its signature check.
    {"init_module", "only a module whose signature fails, once its image is read"},
    {"finit_module", "only a module whose signature fails, once its image is read"},
    {"delete_module", "never: the check in its file is the loader's"},
};

std::string read_whole(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class LsmSources : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tree = std::getenv("SYSCALL_PROBE_LINUX_TREE");
    const char* sites = std::getenv("SYSCALL_PROBE_LOCKDOWN_SITES");
    if (tree == nullptr || sites == nullptr || *tree == '\0' || *sites == '\0') {
      if (must_work()) FAIL() << "SYSCALL_PROBE_LINUX_TREE or _LOCKDOWN_SITES is not set";
      GTEST_SKIP() << "run through probe/test/lsm_sources.sh";
    }
    tree_ = tree;
    std::istringstream in(read_whole(sites));
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) files_[line] = read_whole(tree_ / line);
    }
    ASSERT_GE(files_.size(), 5U) << "too few call sites of security_locked_down() in " << sites;
  }

  // The names every SYSCALL_DEFINEn in `text` defines (COMPAT_ ones too).
  static std::set<std::string> defined(const std::string& text) {
    static const std::regex def(R"(SYSCALL_DEFINE[0-6]\((\w+))");
    std::set<std::string> names;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), def);
         it != std::sregex_iterator(); ++it) {
      names.insert((*it)[1]);
    }
    return names;
  }

  std::filesystem::path tree_;
  std::map<std::string, std::string> files_;  // relative path -> text
};

// Each gate sits where the table says, with the reason it names, at the
// level that reason's place in enum lockdown_reason gives it.
TEST_F(LsmSources, EveryGateIsACallSiteAtItsLevel) {
  const std::string security = read_whole(tree_ / "include/linux/security.h");
  const auto enum_at = security.find("enum lockdown_reason {");
  ASSERT_NE(enum_at, std::string::npos);
  const auto integrity_max = security.find("LOCKDOWN_INTEGRITY_MAX,", enum_at);
  const auto confidentiality_max = security.find("LOCKDOWN_CONFIDENTIALITY_MAX,", enum_at);
  ASSERT_NE(integrity_max, std::string::npos);
  ASSERT_NE(confidentiality_max, std::string::npos);
  ASSERT_FALSE(lockdown_gates().empty());
  for (const LockdownGate& g : lockdown_gates()) {
    SCOPED_TRACE(std::string(g.name));
    const auto at = security.find(std::string(g.reason) + ",", enum_at);
    ASSERT_LT(at, confidentiality_max);
    EXPECT_EQ(g.level,
              at < integrity_max ? LockdownMode::Integrity : LockdownMode::Confidentiality);
    const auto file = files_.find(std::string(g.file));
    ASSERT_NE(file, files_.end()) << g.file << " calls no security_locked_down()";
    EXPECT_TRUE(defined(file->second).contains(std::string(g.name)));
    EXPECT_NE(file->second.find("security_locked_down(" + std::string(g.reason) + ")"),
              std::string::npos);
    EXPECT_NE(find_syscall(g.name), nullptr);
  }
}

// Every catalogue call defined beside a lockdown check is a gate, or its
// check comes after the arguments the catalogue gives it (kGatedAfterArguments).
TEST_F(LsmSources, EveryCatalogueCallBesideACheckIsAccountedFor) {
  std::set<std::string> gates;
  for (const LockdownGate& g : lockdown_gates()) gates.insert(std::string(g.name));
  std::set<std::string> seen;
  for (const auto& [path, text] : files_) {
    for (const std::string& name : defined(text)) {
      if (find_syscall(name) == nullptr) continue;
      seen.insert(name);
      EXPECT_TRUE(gates.contains(name) || kGatedAfterArguments.contains(name))
          << name << " (" << path << ") calls security_locked_down(): a gate, or why not";
    }
  }
  for (const auto& [name, why] : kGatedAfterArguments) {
    EXPECT_NE(find_syscall(name), nullptr) << name << " is not a catalogue row";
  }
  EXPECT_TRUE(seen.contains("kexec_load") && seen.contains("perf_event_open"));
}

// lsm_id_name against include/uapi/linux/lsm.h (Linux 6.8+).
TEST_F(LsmSources, IdNamesMatchTheUapiHeader) {
  const auto header = tree_ / "include/uapi/linux/lsm.h";
  if (!std::filesystem::exists(header)) {
    // Before 6.8 there are no ids, and no call to ask for them either.
    EXPECT_FALSE(std::filesystem::exists(tree_ / "security/lsm_syscalls.c"));
    return;
  }
  const std::string text = read_whole(header);
  static const std::regex id(R"(#define\s+LSM_ID_(\w+)\s+(\d+))");
  int checked = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), id); it != std::sregex_iterator();
       ++it) {
    std::string name = (*it)[1];
    if (name == "UNDEF") continue;
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(lsm_id_name(std::stoull((*it)[2])), name);
    ++checked;
  }
  EXPECT_GE(checked, 13);
}

}  // namespace
}  // namespace probe
