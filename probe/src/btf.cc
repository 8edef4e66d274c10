#include "btf.h"

#include <algorithm>
#include <cstring>

namespace probe {

namespace {

constexpr std::uint16_t kMagic = 0xeb9f;
constexpr std::size_t kTypeHeader = 12;  // name_off, info, size_or_type
constexpr std::uint32_t kKindFunc = 12;

std::uint32_t u32_at(std::string_view bytes, std::size_t at) {
  std::uint32_t v = 0;
  std::memcpy(&v, bytes.data() + at, sizeof v);
  return v;
}

// Bytes that follow the 12-byte header of a type of this kind, from
// include/uapi/linux/btf.h; nullopt for a kind this probe does not know
// (then the rest of the section cannot be walked).
std::optional<std::uint64_t> tail_size(std::uint32_t kind, std::uint32_t vlen) {
  switch (kind) {
    case 1:   // INT: one u32 of encoding
    case 14:  // VAR: linkage
    case 17:  // DECL_TAG: component index
      return 4;
    case 3:  // ARRAY: struct btf_array
      return 12;
    case 4:   // STRUCT: btf_member per field
    case 5:   // UNION
    case 15:  // DATASEC: btf_var_secinfo per variable
    case 19:  // ENUM64: btf_enum64 per value
      return std::uint64_t{12} * vlen;
    case 6:   // ENUM: btf_enum per value
    case 13:  // FUNC_PROTO: btf_param per parameter
      return std::uint64_t{8} * vlen;
    case 2:   // PTR
    case 7:   // FWD
    case 8:   // TYPEDEF
    case 9:   // VOLATILE
    case 10:  // CONST
    case 11:  // RESTRICT
    case 12:  // FUNC (vlen is its linkage)
    case 16:  // FLOAT
    case 18:  // TYPE_TAG
      return 0;
    default:
      return std::nullopt;
  }
}

}  // namespace

std::variant<BtfLayout, std::string> parse_btf_header(std::string_view head) {
  if (head.size() < kBtfHeaderSize) return std::string("shorter than a BTF header");
  std::uint16_t magic = 0;
  std::memcpy(&magic, head.data(), sizeof magic);
  if (magic != kMagic) {
    return std::string(magic == 0x9feb ? "BTF of the other byte order" : "not BTF (bad magic)");
  }
  const auto version = static_cast<unsigned char>(head[2]);
  if (version != 1) return "BTF version " + std::to_string(version) + ", not 1";
  const std::uint32_t hdr_len = u32_at(head, 4);
  // A longer header adds fields this probe cannot interpret; a shorter one
  // is not BTF.
  if (hdr_len != kBtfHeaderSize) {
    return "BTF header of " + std::to_string(hdr_len) + " bytes, not " +
           std::to_string(kBtfHeaderSize);
  }
  BtfLayout l;
  l.types_begin = hdr_len + std::uint64_t{u32_at(head, 8)};
  l.types_size = u32_at(head, 12);
  l.strings_begin = hdr_len + std::uint64_t{u32_at(head, 16)};
  l.strings_size = u32_at(head, 20);
  return l;
}

BtfScan::BtfScan(const std::vector<std::string>& wanted) : wanted_(wanted.begin(), wanted.end()) {}

void BtfScan::string_done(std::string_view s, std::uint32_t offset) {
  if (s.empty()) return;
  auto it = wanted_.find(std::string(s));
  if (it != wanted_.end()) offsets_.emplace(offset, *it);
}

void BtfScan::feed_strings(std::string_view chunk) {
  // Strings are NUL-terminated, back to back; a name's offset is where it
  // starts in the section. One may straddle two chunks.
  std::size_t start = 0;
  while (start < chunk.size()) {
    const void* nul = std::memchr(chunk.data() + start, '\0', chunk.size() - start);
    if (nul == nullptr) {
      partial_string_.append(chunk.substr(start));
      break;
    }
    const auto end = static_cast<std::size_t>(static_cast<const char*>(nul) - chunk.data());
    const std::string_view piece = chunk.substr(start, end - start);
    if (partial_string_.empty()) {
      string_done(piece, static_cast<std::uint32_t>(strings_seen_ + start));
    } else {
      const auto begins = strings_seen_ + start - partial_string_.size();
      partial_string_.append(piece);
      string_done(partial_string_, static_cast<std::uint32_t>(begins));
      partial_string_.clear();
    }
    start = end + 1;
  }
  strings_seen_ += chunk.size();
}

bool BtfScan::feed_types(std::string_view chunk) {
  if (error_) return false;
  while (!chunk.empty()) {
    if (skip_ > 0) {
      const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(skip_, chunk.size()));
      skip_ -= n;
      chunk.remove_prefix(n);
      continue;
    }
    std::string_view header;
    if (partial_record_.empty() && chunk.size() >= kTypeHeader) {
      header = chunk.substr(0, kTypeHeader);
      chunk.remove_prefix(kTypeHeader);
    } else {
      const std::size_t n = std::min(kTypeHeader - partial_record_.size(), chunk.size());
      partial_record_.append(chunk.substr(0, n));
      chunk.remove_prefix(n);
      if (partial_record_.size() < kTypeHeader) return true;
      header = partial_record_;
    }
    const std::uint32_t name_off = u32_at(header, 0);
    const std::uint32_t info = u32_at(header, 4);
    const std::uint32_t kind = (info >> 24) & 0x1f;
    const auto tail = tail_size(kind, info & 0xffff);
    partial_record_.clear();
    if (!tail) {
      error_ = "unknown BTF type kind " + std::to_string(kind) + " at record " +
               std::to_string(types_ + 1);
      return false;
    }
    ++types_;
    if (kind == kKindFunc) {
      auto it = offsets_.find(name_off);
      if (it != offsets_.end()) functions_.insert(it->second);
    }
    skip_ = *tail;
  }
  return true;
}

std::optional<std::string> BtfScan::finish() const {
  if (error_) return error_;
  if (!partial_record_.empty() || skip_ > 0) return std::string("BTF type section ends mid-record");
  if (!partial_string_.empty()) return std::string("BTF string section ends mid-string");
  return std::nullopt;
}

bool BtfScan::has_function(const std::string& name) const { return functions_.contains(name); }

}  // namespace probe
