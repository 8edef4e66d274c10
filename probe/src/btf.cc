#include "btf.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace probe {

namespace {

constexpr std::uint16_t kMagic = 0xeb9f;
constexpr std::size_t kTypeHeader = 12;  // name_off, info, size_or_type
constexpr std::uint32_t kKindFunc = 12;

std::uint32_t u32_at(std::string_view bytes, std::size_t at) {  // header fields
  std::uint32_t v = 0;
  std::memcpy(&v, bytes.data() + at, sizeof v);
  return v;
}

// What follows the 12-byte header of a type, by kind, from
// include/uapi/linux/btf.h: fixed bytes plus bytes per vlen item. A kind
// this probe does not know is `known = false` (then the rest of the section
// cannot be walked).
struct Tail {
  bool known;
  std::uint8_t fixed;
  std::uint8_t per_item;
};
constexpr std::array<Tail, 32> kTails = [] {
  std::array<Tail, 32> t{};
  t[1] = {true, 4, 0};    // INT: one u32 of encoding
  t[2] = {true, 0, 0};    // PTR
  t[3] = {true, 12, 0};   // ARRAY: struct btf_array
  t[4] = {true, 0, 12};   // STRUCT: btf_member per field
  t[5] = {true, 0, 12};   // UNION
  t[6] = {true, 0, 8};    // ENUM: btf_enum per value
  t[7] = {true, 0, 0};    // FWD
  t[8] = {true, 0, 0};    // TYPEDEF
  t[9] = {true, 0, 0};    // VOLATILE
  t[10] = {true, 0, 0};   // CONST
  t[11] = {true, 0, 0};   // RESTRICT
  t[12] = {true, 0, 0};   // FUNC (vlen is its linkage)
  t[13] = {true, 0, 8};   // FUNC_PROTO: btf_param per parameter
  t[14] = {true, 4, 0};   // VAR: linkage
  t[15] = {true, 0, 12};  // DATASEC: btf_var_secinfo per variable
  t[16] = {true, 0, 0};   // FLOAT
  t[17] = {true, 4, 0};   // DECL_TAG: component index
  t[18] = {true, 0, 0};   // TYPE_TAG
  t[19] = {true, 0, 12};  // ENUM64: btf_enum64 per value
  return t;
}();

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

namespace {
// Bytes of a kernel's BTF names, rarest first (counted in this machine's
// 6.18 BTF): the anchor of a scan is the first of them every wanted name has.
constexpr std::string_view kRarestFirst =
    "().79J5Z8Q01j3WzYKX26V4HGBUqMFDLCwNPOIySRAxhvkTEgbumfdlpnocisarte_";
}  // namespace

BtfScan::BtfScan(const std::vector<std::string>& wanted) : names_(wanted) {
  for (const auto& n : names_) {
    wanted_.insert(n);
    if (n.size() < 64) lengths_ |= std::uint64_t{1} << n.size();
  }
  for (const char c : kRarestFirst) {
    const bool everywhere = std::all_of(names_.begin(), names_.end(), [c](const std::string& n) {
      // A name that can never be found needs no anchor.
      return n.empty() || n.size() >= 64 || n.find(c) != std::string::npos;
    });
    if (everywhere) {
      anchor_ = c;
      break;
    }
  }
}

void BtfScan::string_done(std::string_view s, std::uint64_t offset) {
  if (s.empty() || s.size() >= 64 || (lengths_ & (std::uint64_t{1} << s.size())) == 0) return;
  auto it = wanted_.find(s);
  if (it == wanted_.end()) return;
  const auto at = static_cast<std::uint32_t>(offset);
  offsets_.emplace_back(at, *it);
  min_offset_ = std::min(min_offset_, at);
  max_offset_ = std::max(max_offset_, at);
}

void BtfScan::strings_between(const char* from, const char* to, std::uint64_t offset) {
  // [from, to) holds whole strings, the last one's NUL included; `offset`
  // is where `from` lies in the section. ~125k strings in a kernel's BTF.
  const auto at = [&](const char* p) { return offset + static_cast<std::uint64_t>(p - from); };
  if (anchor_ == '\0') {
    for (const char* p = from; p < to;) {
      const auto* nul =
          static_cast<const char*>(std::memchr(p, '\0', static_cast<std::size_t>(to - p)));
      string_done(std::string_view(p, static_cast<std::size_t>(nul - p)), at(p));
      p = nul + 1;
    }
    return;
  }
  // A string without the anchor byte is none of the wanted names: jump from
  // one anchor to the next (for syscall names 'y', in one string in eight)
  // and look only at the strings holding one.
  for (const char* p = from; p < to;) {
    const void* hit = std::memchr(p, anchor_, static_cast<std::size_t>(to - p));
    if (hit == nullptr) break;
    const auto* h = static_cast<const char*>(hit);
    const auto before = std::string_view(p, static_cast<std::size_t>(h - p)).rfind('\0');
    const char* start = before == std::string_view::npos ? p : p + before + 1;
    const auto* nul =
        static_cast<const char*>(std::memchr(h, '\0', static_cast<std::size_t>(to - h)));
    string_done(std::string_view(start, static_cast<std::size_t>(nul - start)), at(start));
    p = nul + 1;
  }
}

void BtfScan::feed_strings(std::string_view chunk) {
  // Strings are NUL-terminated, back to back; a name's offset is where it
  // starts in the section. One may straddle two chunks (sysfs hands out a
  // page per read): only its first 64 bytes are kept, as no longer name is
  // looked for.
  const char* p = chunk.data();
  const char* const end = p + chunk.size();
  const auto keep = [this](const char* from, const char* to) {
    const auto n = static_cast<std::size_t>(to - from);
    partial_length_ += n;
    if (partial_.size() < 64) partial_.append(from, std::min(n, 64 - partial_.size()));
  };
  if (partial_length_ > 0) {
    const void* nul = std::memchr(p, '\0', chunk.size());
    const char* stop = nul == nullptr ? end : static_cast<const char*>(nul);
    keep(p, stop);
    if (nul == nullptr) {
      strings_seen_ += chunk.size();
      return;
    }
    if (partial_length_ == partial_.size()) string_done(partial_, partial_begin_);
    partial_.clear();
    partial_length_ = 0;
    p = stop + 1;
  }
  const auto last = std::string_view(p, static_cast<std::size_t>(end - p)).rfind('\0');
  const char* whole = last == std::string_view::npos ? p : p + last + 1;
  strings_between(p, whole, strings_seen_ + static_cast<std::uint64_t>(p - chunk.data()));
  if (whole < end) {
    partial_begin_ = strings_seen_ + static_cast<std::uint64_t>(whole - chunk.data());
    keep(whole, end);
  }
  strings_seen_ += chunk.size();
}

bool BtfScan::feed_types(std::string_view chunk) {
  if (error_) return false;
  // ~130k records in a kernel's BTF: the loop stays on raw bytes.
  const char* p = chunk.data();
  const char* const end = p + chunk.size();
  while (p < end) {
    if (skip_ > 0) {
      const auto n = std::min<std::uint64_t>(skip_, static_cast<std::uint64_t>(end - p));
      skip_ -= n;
      p += n;
      continue;
    }
    const char* header = p;
    if (partial_record_.empty() && end - p >= static_cast<std::ptrdiff_t>(kTypeHeader)) {
      p += kTypeHeader;
    } else {
      const auto n = std::min<std::size_t>(kTypeHeader - partial_record_.size(),
                                           static_cast<std::size_t>(end - p));
      partial_record_.append(p, n);
      p += n;
      if (partial_record_.size() < kTypeHeader) return true;
      header = partial_record_.data();
    }
    std::uint32_t name_off = 0;
    std::uint32_t info = 0;
    std::memcpy(&name_off, header, 4);
    std::memcpy(&info, header + 4, 4);
    partial_record_.clear();
    const std::uint32_t kind = (info >> 24) & 0x1f;
    const Tail tail = kTails[kind];
    if (!tail.known) {
      error_ = "unknown BTF type kind " + std::to_string(kind) + " at record " +
               std::to_string(types_ + 1);
      return false;
    }
    ++types_;
    if (kind == kKindFunc && name_off >= min_offset_ && name_off <= max_offset_) {
      for (const auto& [offset, name] : offsets_) {
        if (offset == name_off) functions_.insert(name);
      }
    }
    skip_ = tail.fixed + std::uint64_t{tail.per_item} * (info & 0xffff);
  }
  return true;
}

std::optional<std::string> BtfScan::finish() const {
  if (error_) return error_;
  if (!partial_record_.empty() || skip_ > 0) return std::string("BTF type section ends mid-record");
  if (partial_length_ > 0) return std::string("BTF string section ends mid-string");
  return std::nullopt;
}

bool BtfScan::has_function(std::string_view name) const {
  return functions_.contains(name);
}

}  // namespace probe
