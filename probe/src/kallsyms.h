// Looking up syscall entry symbols in /proc/kallsyms text. Pure: the caller
// streams the file through feed() line by line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace probe {

/// "__x64_sys_" on x86_64, "__arm64_sys_" on aarch64, "sys_" elsewhere.
std::string_view syscall_symbol_prefix();

/// The entry symbol of syscall `name` on this architecture.
std::string syscall_symbol(std::string_view name);

/// One pass over kallsyms for a fixed set of names.
///
/// A name counts as present only for a strong text symbol (type T or t): a
/// weak one (W) is the ENOSYS stub COND_SYSCALL leaves for a call configured
/// out, and settles the name as absent (the linker keeps one definition per
/// global name, so no strong one can follow). For each wanted `PREFIXname`
/// the plain `sys_name` (kernels without syscall wrappers) is accepted too.
class SymbolScan {
 public:
  explicit SymbolScan(const std::vector<std::string>& wanted);

  /// Feeds one line ("ffffffff81000000 T __x64_sys_read"). Returns false once
  /// every wanted symbol was settled (found, or seen as a weak stub), so the
  /// caller can stop reading.
  bool feed(std::string_view line);

  /// After the pass: true if found, false if not.
  [[nodiscard]] bool has(const std::string& symbol) const;
  [[nodiscard]] bool done() const { return remaining_ == 0; }

 private:
  std::unordered_map<std::string, std::string> alias_;  ///< looked-for -> wanted
  enum class Seen : std::uint8_t { No, WeakStub, Strong };
  std::unordered_map<std::string, Seen> seen_;  ///< wanted -> what kallsyms listed
  std::size_t remaining_ = 0;
};

}  // namespace probe
