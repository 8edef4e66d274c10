// Builds small BTF blobs for tests: a header, a type section and a string
// section laid out as the kernel's /sys/kernel/btf/vmlinux is (types, then
// strings), with the record shapes of include/uapi/linux/btf.h.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace probe::testing {

class BtfBlob {
 public:
  BtfBlob() { strings_.push_back('\0'); }  // offset 0: the empty name

  /// Adds a record of `kind` named `name` with `vlen` and the tail bytes that
  /// kind carries; returns *this for chaining.
  BtfBlob& add(std::uint32_t kind, std::string_view name, std::uint32_t vlen = 0,
               std::size_t tail_bytes = 0) {
    put(name.empty() ? 0 : intern(name));
    put((kind << 24) | vlen);
    put(0);  // size or type
    types_.append(tail_bytes, '\x01');
    return *this;
  }
  BtfBlob& func(std::string_view name) { return add(12, name); }
  BtfBlob& int_type(std::string_view name) { return add(1, name, 0, 4); }
  BtfBlob& proto(std::uint32_t params) { return add(13, "", params, 8 * params); }
  BtfBlob& structure(std::string_view name, std::uint32_t members) {
    return add(4, name, members, 12 * members);
  }
  BtfBlob& var(std::string_view name) { return add(14, name, 0, 4); }
  /// A name in the string section that no record uses.
  BtfBlob& loose_string(std::string_view s) {
    intern(s);
    return *this;
  }

  /// The whole blob. `version`, `magic` and `hdr_len` are there to be broken.
  [[nodiscard]] std::string bytes(std::uint16_t magic = 0xeb9f, std::uint8_t version = 1,
                                  std::uint32_t hdr_len = 24) const {
    std::string out;
    auto put_to = [&out](const void* p, std::size_t n) {
      out.append(static_cast<const char*>(p), n);
    };
    const std::uint8_t flags = 0;
    const auto types_len = static_cast<std::uint32_t>(types_.size());
    const auto str_len = static_cast<std::uint32_t>(strings_.size());
    const std::uint32_t type_off = 0;
    put_to(&magic, 2);
    put_to(&version, 1);
    put_to(&flags, 1);
    put_to(&hdr_len, 4);
    put_to(&type_off, 4);
    put_to(&types_len, 4);
    put_to(&types_len, 4);  // str_off: right after the types
    put_to(&str_len, 4);
    out.append(hdr_len > 24 ? hdr_len - 24 : 0, '\0');
    return out + types_ + strings_;
  }

 private:
  std::uint32_t intern(std::string_view s) {
    const auto at = static_cast<std::uint32_t>(strings_.size());
    strings_.append(s);
    strings_.push_back('\0');
    return at;
  }
  void put(std::uint32_t v) {
    char b[4];
    std::memcpy(b, &v, 4);
    types_.append(b, 4);
  }

  std::string types_;
  std::string strings_;
};

}  // namespace probe::testing
