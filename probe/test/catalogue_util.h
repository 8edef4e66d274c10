// Helpers shared by the catalogue tests (catalogue_test.cc,
// catalogue_tables_test.cc, catalogue_kernel_test.cc).
#pragma once

#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>

namespace probe::testing {

/// "6.18.44-fc" -> {6, 18}; "5.1" -> {5, 1}; nullopt if it does not start
/// with MAJOR.MINOR.
inline std::optional<std::pair<int, int>> parse_version(std::string_view text) {
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

/// name -> number from a syscall_64.tbl / scripts/syscall.tbl text, for the
/// ABIs a 64-bit caller sees ("common", "64"); x32 rows are skipped.
inline std::map<std::string, int> parse_syscall_tbl(const std::string& text) {
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

/// One row of a syscall_*.tbl: its number and entry point ("" when the
/// table gives none, as for reserved numbers).
struct TblRow {
  int nr = -1;
  std::string entry;
};

/// name -> row from a syscall_64.tbl / scripts/syscall.tbl text, for the
/// comma-separated ABIs in `abis` ("common,64" for x86_64;
/// "common,64,renameat,rlimit,memfd_secret" for arm64).
inline std::map<std::string, TblRow> parse_tbl_rows(const std::string& text,
                                                    const std::string& abis) {
  std::map<std::string, TblRow> out;
  const std::string wanted = "," + abis + ",";
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    TblRow row;
    std::string abi;
    std::string name;
    if (!(fields >> row.nr >> abi >> name)) continue;
    fields >> row.entry;
    if (wanted.find("," + abi + ",") != std::string::npos) out[name] = row;
  }
  return out;
}

/// name -> number from "#define __NR_name N" lines of asm-generic/unistd.h.
inline std::map<std::string, int> parse_unistd_h(const std::string& text) {
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

}  // namespace probe::testing
