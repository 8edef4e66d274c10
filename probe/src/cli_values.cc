#include "cli_values.h"

#include <charconv>

namespace probe::cli {

std::optional<unsigned long long> parse_number(std::string_view text, unsigned long long max) {
  int base = 10;
  if (text.starts_with("0x") || text.starts_with("0X")) {
    text.remove_prefix(2);
    base = 16;
  }
  if (text.empty()) return std::nullopt;
  unsigned long long value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value, base);
  if (ec != std::errc{} || ptr != end || value > max) return std::nullopt;
  return value;
}

}  // namespace probe::cli
