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
