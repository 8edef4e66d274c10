// Helpers shared by the catalogue tests (catalogue_test.cc,
// catalogue_tables_test.cc, catalogue_kernel_test.cc).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

/// The names of the COND_SYSCALL(name) lines of kernel/sys_ni.c: the calls
/// whose entry is a weak stub answering ENOSYS unless code defines them.
inline std::set<std::string> parse_cond_syscalls(const std::string& text) {
  std::set<std::string> out;
  std::istringstream in(text);
  std::string line;
  const std::string prefix = "COND_SYSCALL(";
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) != 0) continue;
    const auto end = line.find(')', prefix.size());
    if (end != std::string::npos) out.insert(line.substr(prefix.size(), end - prefix.size()));
  }
  return out;
}

/// One word a line (scripts/internal/kernel-tables' defined.* files).
inline std::set<std::string> parse_lines(const std::string& text) {
  std::set<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.insert(line);
  }
  return out;
}

/// name -> row from include/uapi/asm-generic/unistd.h, arm64's table before
/// 6.11, for a 64-bit kernel: "#define __NR_name N" with the entry of the
/// __SYSCALL / __SC_COMP / __SC_3264 / __SC_COMP_3264 line naming it (the
/// 64-bit column), and a 32/64-bit pair (__NR3264_fcntl) under the name the
/// "#if __BITS_PER_LONG == 64" block gives it (fcntl, not fcntl64). Names in
/// blocks arm64 does not build (sync_file_range2, the time64 calls) are kept
/// too: read them only through a catalogue row's name.
inline std::map<std::string, TblRow> parse_unistd_rows(const std::string& raw) {
  // Join continued lines, then read one statement a line.
  std::string text;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 1 < raw.size() && raw[i + 1] == '\n') {
      ++i;
      continue;
    }
    text += raw[i];
  }
  std::map<std::string, int> nr;  // __NR_x and __NR3264_x (as "3264_x")
  std::map<std::string, std::string> entry;
  std::map<std::string, std::string> alias64;  // fcntl -> 3264_fcntl
  int depth_64 = -1;  // nesting depth inside "#if __BITS_PER_LONG == 64", -1 outside
  bool in_else = false;
  std::istringstream in(text);
  std::string line;
  const auto args = [](const std::string& l) {
    std::vector<std::string> out;
    const auto open = l.find('(');
    const auto close = l.rfind(')');
    if (open == std::string::npos || close == std::string::npos || close < open) return out;
    std::istringstream a(l.substr(open + 1, close - open - 1));
    std::string item;
    while (std::getline(a, item, ',')) {
      const auto b = item.find_first_not_of(" \t");
      const auto e = item.find_last_not_of(" \t");
      out.push_back(b == std::string::npos ? "" : item.substr(b, e - b + 1));
    }
    return out;
  };
  const auto key = [](const std::string& macro) {
    return macro.rfind("__NR_", 0) == 0 ? macro.substr(5) : macro.substr(4);  // "3264_x"
  };
  while (std::getline(in, line)) {
    if (line.rfind("#if", 0) == 0) {
      if (depth_64 >= 0) {
        ++depth_64;
      } else if (line.find("__BITS_PER_LONG == 64") != std::string::npos) {
        depth_64 = 0;
        in_else = false;
      }
      continue;
    }
    if (line.rfind("#else", 0) == 0 && depth_64 == 0) in_else = true;
    if (line.rfind("#endif", 0) == 0 && depth_64 >= 0) --depth_64;
    std::istringstream fields(line);
    std::string first;
    std::string macro;
    std::string value;
    fields >> first;
    if (first == "#define" && (fields >> macro >> value) && macro.rfind("__NR", 0) == 0) {
      if (value.find_first_not_of("0123456789") == std::string::npos) {
        nr[key(macro)] = std::stoi(value);
      } else if (value.rfind("__NR3264_", 0) == 0 && macro.rfind("__NR_", 0) == 0 &&
                 depth_64 >= 0 && !in_else) {
        alias64[key(macro)] = key(value);
      }
      continue;
    }
    const bool plain = first.rfind("__SYSCALL(", 0) == 0 || first.rfind("__SC_COMP(", 0) == 0;
    const bool pair = first.rfind("__SC_3264(", 0) == 0 || first.rfind("__SC_COMP_3264(", 0) == 0;
    if (!plain && !pair) continue;
    const auto a = args(line);
    if (a.size() < (pair ? 3U : 2U) || a[0].rfind("__NR", 0) != 0) continue;
    entry[key(a[0])] = pair ? a[2] : a[1];
  }
  std::map<std::string, TblRow> out;
  for (const auto& [name, n] : nr) {
    if (name.rfind("3264_", 0) == 0 || name == "syscalls") continue;
    const auto it = entry.find(name);
    out[name] = TblRow{n, it == entry.end() ? "" : it->second};
  }
  for (const auto& [name, pair] : alias64) {
    const auto n = nr.find(pair);
    const auto it = entry.find(pair);
    if (n != nr.end()) out[name] = TblRow{n->second, it == entry.end() ? "" : it->second};
  }
  return out;
}

}  // namespace probe::testing
