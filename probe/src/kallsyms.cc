#include "kallsyms.h"

#include <cstring>

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

std::string_view syscall_symbol_prefix(std::string_view arch) {
  // arch/x86/include/asm/syscall_wrapper.h and arch/arm64/include/asm/syscall_wrapper.h.
  if (arch == "x86_64") return "__x64_sys_";
  if (arch == "aarch64") return "__arm64_sys_";
  return "sys_";
}

std::string syscall_symbol(std::string_view name) {
  return syscall_symbol(name, syscall_symbol_prefix());
}

std::string syscall_symbol(std::string_view name, std::string_view prefix) {
  // One allocation: a census builds ~400 of these.
  std::string symbol;
  symbol.reserve(prefix.size() + name.size());
  return symbol.append(prefix).append(name);
}

namespace {
constexpr std::string_view kPlain = "sys_";
}  // namespace

SymbolScan::SymbolScan(const std::vector<std::string>& wanted, std::string_view prefix)
    : prefix_(prefix) {
  // Every string first, then the views: names_ must not grow under them.
  names_ = wanted;
  std::vector<std::size_t> owner;  // the wanted name of each alias
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    if (prefix != kPlain && wanted[i].starts_with(prefix)) {
      names_.push_back(std::string(kPlain) + wanted[i].substr(prefix.size()));
      owner.push_back(i);
    }
  }
  std::vector<std::uint32_t> index(wanted.size());
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    const auto next = static_cast<std::uint32_t>(seen_.size());
    const auto [it, added] = targets_.emplace(names_[i], Target{next, false});
    if (added) seen_.push_back(Seen::No);
    index[i] = it->second.index;  // a name asked twice shares its entry
  }
  // A wanted name spelt like an alias keeps its own entry.
  for (std::size_t a = 0; a < owner.size(); ++a) {
    targets_.emplace(names_[wanted.size() + a], Target{index[owner[a]], true});
  }
  remaining_ = seen_.size();
}

void SymbolScan::line(std::string_view text) {
  // Runs for each of ~120k lines: rejects a line with a few byte compares
  // at its known layout before anything else; no allocation.
  if (text.size() > kMaxLine) return;
  const void* space = std::memchr(text.data(), ' ', text.size());
  if (space == nullptr) return;
  const auto at = static_cast<std::size_t>(static_cast<const char*>(space) - text.data());
  if (at + 3 > text.size()) return;
  const char type = text[at + 1];
  if (type != 'T' && type != 't' && type != 'W') return;
  std::string_view name = text.substr(at + 3);
  // Every looked-for name starts with the arch prefix or with "sys_".
  if (!name.starts_with(prefix_) && !name.starts_with(kPlain)) return;
  const auto end = name.find_first_of("\t ");
  if (end != std::string_view::npos) name = name.substr(0, end);
  const auto it = targets_.find(name);
  if (it == targets_.end()) return;
  // A weak stub settles only its own name: "sys_foo" as W says nothing of
  // a strong "__x64_sys_foo".
  if (type == 'W' && it->second.alias) return;
  Seen& seen = seen_[it->second.index];
  if (seen == Seen::No) --remaining_;
  if (seen != Seen::Strong) seen = type == 'W' ? Seen::WeakStub : Seen::Strong;
}

bool SymbolScan::feed(std::string_view chunk) {
  const char* p = chunk.data();
  const char* const end = p + chunk.size();
  // The rest of a line the previous piece cut.
  if (!carry_.empty() || overlong_) {
    const void* nl = std::memchr(p, '\n', chunk.size());
    const char* stop = nl == nullptr ? end : static_cast<const char*>(nl);
    if (!overlong_) {
      carry_.append(p, static_cast<std::size_t>(stop - p));
      if (carry_.size() > kMaxLine) {
        overlong_ = true;
        carry_.clear();
      }
    }
    if (nl == nullptr) return remaining_ != 0;
    if (!overlong_) line(carry_);
    carry_.clear();
    overlong_ = false;
    p = stop + 1;
  }
  if (p >= end || remaining_ == 0) return remaining_ != 0;
  // Whole lines up to the piece's last newline; the rest is carried.
  // Lines are short: a backward search finds the last newline at once.
  const auto last = std::string_view(p, static_cast<std::size_t>(end - p)).rfind('\n');
  const char* const whole = last == std::string_view::npos ? p : p + last + 1;
  // Every name line() accepts starts with the arch prefix or "sys_", both
  // ending in "sys_": a line without that holds nothing wanted. So the scan
  // jumps from one 'y' (in one line in six) to the next, and only a line
  // where it finds "sys_" goes to line(): this machine's 122k lines in
  // 0.6 ms, against 3.2 ms line by line.
  const char* q = p;
  while (q < whole && remaining_ != 0) {
    const void* hit = std::memchr(q, 'y', static_cast<std::size_t>(whole - q));
    if (hit == nullptr) break;
    const char* y = static_cast<const char*>(hit);
    q = y + 1;
    if (y == p || y[-1] != 's' || whole - y < 3 || y[1] != 's' || y[2] != '_') continue;
    const auto before = std::string_view(p, static_cast<std::size_t>(y - p)).rfind('\n');
    const char* from = before == std::string_view::npos ? p : p + before + 1;
    // The piece up to `whole` ends with a newline, so this one exists.
    const char* to =
        static_cast<const char*>(std::memchr(y, '\n', static_cast<std::size_t>(whole - y)));
    line(std::string_view(from, static_cast<std::size_t>(to - from)));
    q = to + 1;
  }
  if (remaining_ != 0 && whole < end) {
    const auto left = static_cast<std::size_t>(end - whole);
    if (left > kMaxLine) {
      overlong_ = true;
    } else {
      carry_.assign(whole, left);
    }
  }
  return remaining_ != 0;
}

void SymbolScan::finish() {
  if (!carry_.empty() && !overlong_) line(carry_);
  carry_.clear();
  overlong_ = false;
}

bool SymbolScan::has(std::string_view symbol) const {
  const auto it = targets_.find(symbol);
  return it != targets_.end() && !it->second.alias && seen_[it->second.index] == Seen::Strong;
}

}  // namespace probe
