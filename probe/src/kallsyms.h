// Looking up syscall entry symbols in /proc/kallsyms text. Pure: the caller
// streams the file through feed() in pieces of any size, as read(2) returns
// them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace probe {

/// "__x64_sys_" on x86_64, "__arm64_sys_" on aarch64, "sys_" elsewhere.
std::string_view syscall_symbol_prefix();

/// The same for the kernel of architecture `arch` ("x86_64", "aarch64", as
/// uname -m says), which need not be this program's: under an emulator the
/// host's kernel answers (emulation.h).
std::string_view syscall_symbol_prefix(std::string_view arch);

/// The entry symbol of syscall `name` on this architecture.
std::string syscall_symbol(std::string_view name);

/// The entry symbol of syscall `name` under `prefix` (syscall_symbol_prefix()).
std::string syscall_symbol(std::string_view name, std::string_view prefix);

/// One pass over kallsyms for a fixed set of names.
///
/// A line is "ADDRESS TYPE NAME" or "ADDRESS TYPE NAME\t[MODULE]", the
/// address of any width. A name counts as present only for a strong text
/// symbol (type T or t): a weak one (W) is the ENOSYS stub COND_SYSCALL
/// leaves for a call configured out, and settles the name as absent (the
/// linker keeps one definition per global name, so no strong one can follow).
/// For each wanted `PREFIXname` the plain `sys_name` (kernels without syscall
/// wrappers) is accepted too, when strong; PREFIX is the scanned kernel's
/// syscall_symbol_prefix(), this architecture's unless said otherwise. Anything else, and any line
/// longer than kMaxLine bytes, is skipped: no input makes it fail or grow without bound.
class SymbolScan {
 public:
  /// No kallsyms line comes near: KSYM_NAME_LEN is 512, a module name 56.
  static constexpr std::size_t kMaxLine = 4096;

  explicit SymbolScan(const std::vector<std::string>& wanted,
                      std::string_view prefix = syscall_symbol_prefix());
  SymbolScan(const SymbolScan&) = delete;  // views into names_
  SymbolScan& operator=(const SymbolScan&) = delete;
  SymbolScan(SymbolScan&&) = default;  // names_' strings stay where they are
  SymbolScan& operator=(SymbolScan&&) = default;

  /// Feeds the next piece of the file, in order; a line may straddle two
  /// pieces. Returns false once every wanted symbol was settled (found, or
  /// seen as a weak stub), so the caller can stop reading.
  bool feed(std::string_view chunk);

  /// After the last piece: reads a last line that lacks its newline.
  void finish();

  /// After the pass: true if found, false if not.
  [[nodiscard]] bool has(std::string_view symbol) const;
  [[nodiscard]] bool done() const { return remaining_ == 0; }

 private:
  enum class Seen : std::uint8_t { No, WeakStub, Strong };
  struct Target {
    std::uint32_t index;  ///< into seen_
    bool alias;           ///< the `sys_name` form, not the wanted name
  };

  void line(std::string_view text);

  std::string_view prefix_;         ///< syscall_symbol_prefix()'s, a literal
  std::vector<std::string> names_;  ///< the wanted names and their aliases, owned
  std::unordered_map<std::string_view, Target> targets_;  ///< views into names_
  std::vector<Seen> seen_;                                ///< per wanted name
  std::size_t remaining_ = 0;
  std::string carry_;      ///< the start of a line cut by the end of a piece
  bool overlong_ = false;  ///< the current line outgrew kMaxLine: skip to its end
};

}  // namespace probe
