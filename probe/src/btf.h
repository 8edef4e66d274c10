// Function names in a kernel's BTF (/sys/kernel/btf/vmlinux), read without
// holding the file: the caller streams the string section, then the type
// section, through one BtfScan. Pure.
//
// What it is for: a fast NEGATIVE test. The kernel's BTF describes every
// global function it was built with, so "no FUNC named __x64_sys_X" means
// the kernel has no syscall X. A FUNC that is there proves nothing: the weak
// ENOSYS stub COND_SYSCALL leaves for a call configured out is a FUNC too
// (kallsyms tells the two apart by type W). Format:
// https://docs.kernel.org/bpf/btf.html
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

namespace probe {

/// Bytes of the fixed header every BTF blob starts with.
inline constexpr std::size_t kBtfHeaderSize = 24;

/// Where the sections of a BTF blob lie, as offsets in the file.
struct BtfLayout {
  std::uint64_t types_begin = 0;
  std::uint64_t types_size = 0;
  std::uint64_t strings_begin = 0;
  std::uint64_t strings_size = 0;
};

/// Parses the header at the start of a blob (`head`: its first
/// kBtfHeaderSize bytes or more). Returns the layout, or a sentence saying
/// why this is not BTF the probe can read (wrong magic or byte order,
/// unknown version, a header longer than it knows).
std::variant<BtfLayout, std::string> parse_btf_header(std::string_view head);

/// One scan for a fixed set of function names.
class BtfScan {
 public:
  /// Names of 64 characters or more are never found (entry symbols are
  /// shorter: the kernel's longest syscall name has 23).
  explicit BtfScan(const std::vector<std::string>& wanted);
  BtfScan(const BtfScan&) = delete;  // views into names_
  BtfScan& operator=(const BtfScan&) = delete;
  BtfScan(BtfScan&&) = default;  // names_' strings stay where they are
  BtfScan& operator=(BtfScan&&) = default;

  /// Pass 1: the string section, in order, in chunks of any size.
  void feed_strings(std::string_view chunk);

  /// Pass 2: the type section, in order, in chunks of any size. Returns
  /// false once the section turns out malformed (see error()).
  bool feed_types(std::string_view chunk);

  /// After both passes: nullopt if the blob was whole and well formed, else
  /// why it cannot be trusted (an unknown type kind, a truncated record).
  [[nodiscard]] std::optional<std::string> finish() const;

  /// True if a FUNC of this exact name is in the blob.
  [[nodiscard]] bool has_function(std::string_view name) const;

  /// How many type records pass 2 read (for logs and tests).
  [[nodiscard]] std::uint32_t types_read() const { return types_; }

 private:
  void string_done(std::string_view s, std::uint64_t offset);
  void strings_between(const char* from, const char* to, std::uint64_t offset);

  std::vector<std::string> names_;               ///< the wanted names, owned
  std::unordered_set<std::string_view> wanted_;  ///< views into names_
  std::uint64_t lengths_ = 0;                    ///< bit n: a wanted name has length n
  /// Where each wanted name starts in the string section: a handful, so a
  /// vector (and its bounds) beats a hash for 56k FUNC records.
  std::vector<std::pair<std::uint32_t, std::string_view>> offsets_;
  std::uint32_t min_offset_ = UINT32_MAX;
  std::uint32_t max_offset_ = 0;
  std::unordered_set<std::string_view> functions_;  ///< wanted names seen as FUNC
  /// The scan jumps between occurrences of this byte, which every wanted
  /// name holds ('\0': none shared, every string is looked at).
  char anchor_ = '\0';
  std::string partial_;               ///< a string cut by a piece's end: its first 64 bytes
  std::uint64_t partial_length_ = 0;  ///< its whole length so far (0: none)
  std::uint64_t partial_begin_ = 0;   ///< its offset in the section
  std::uint64_t strings_seen_ = 0;
  std::string partial_record_;  ///< a 12-byte type header split across chunks
  std::uint64_t skip_ = 0;      ///< bytes of the current record's tail still to skip
  std::uint32_t types_ = 0;
  std::optional<std::string> error_;
};

}  // namespace probe
