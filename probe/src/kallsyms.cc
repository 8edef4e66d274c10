#include "kallsyms.h"

namespace probe {

std::string_view syscall_symbol_prefix() {
#if defined(__x86_64__)
  return "__x64_sys_";
#elif defined(__aarch64__)
  return "__arm64_sys_";
#else
  return "sys_";
#endif
}

std::string syscall_symbol(std::string_view name) {
  // One allocation: a census builds ~400 of these.
  const std::string_view prefix = syscall_symbol_prefix();
  std::string symbol;
  symbol.reserve(prefix.size() + name.size());
  return symbol.append(prefix).append(name);
}

SymbolScan::SymbolScan(const std::vector<std::string>& wanted) {
  const std::string_view prefix = syscall_symbol_prefix();
  for (const auto& symbol : wanted) {
    if (!seen_.emplace(symbol, Seen::No).second) continue;
    ++remaining_;
    alias_[symbol] = symbol;
    if (symbol.rfind(prefix, 0) == 0 && prefix != "sys_") {
      alias_["sys_" + symbol.substr(prefix.size())] = symbol;
    }
  }
}

bool SymbolScan::feed(std::string_view line) {
  // "ADDRESS TYPE NAME[\t[module]]". This runs for each of ~100k lines, so
  // it rejects a line with a few byte compares before anything else.
  const auto sp1 = line.find(' ');
  if (sp1 == std::string_view::npos || sp1 + 3 > line.size()) return remaining_ != 0;
  const char type = line[sp1 + 1];
  if (type != 'T' && type != 't' && type != 'W') return remaining_ != 0;
  std::string_view name = line.substr(sp1 + 3);
  // Every looked-for name starts with the arch prefix or with "sys_".
  if (!name.starts_with(syscall_symbol_prefix()) && !name.starts_with("sys_")) {
    return remaining_ != 0;
  }
  const auto end = name.find_first_of("\t ");
  if (end != std::string_view::npos) name = name.substr(0, end);
  auto it = alias_.find(std::string(name));
  if (it == alias_.end()) return remaining_ != 0;
  // A weak stub settles only its own name: "sys_foo" as W says nothing of
  // a strong "__x64_sys_foo".
  if (type == 'W' && name != it->second) return remaining_ != 0;
  Seen& seen = seen_[it->second];
  if (seen == Seen::No) --remaining_;
  if (seen != Seen::Strong) seen = type == 'W' ? Seen::WeakStub : Seen::Strong;
  return remaining_ != 0;
}

bool SymbolScan::has(const std::string& symbol) const {
  auto it = seen_.find(symbol);
  return it != seen_.end() && it->second == Seen::Strong;
}

}  // namespace probe
