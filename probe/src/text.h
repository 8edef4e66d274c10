// Small pure helpers for the text the probe reads from /proc.
#pragma once

#include <string_view>
#include <vector>

namespace probe {

/// The lines of `text` without their newlines; a last line without one
/// counts, an empty text has none.
inline std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    lines.push_back(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
  }
  return lines;
}

}  // namespace probe
