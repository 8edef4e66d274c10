// Diagnostics: one logger on stderr (never stdout, which carries the report),
// "syscall-probe: LEVEL: message". Level "warn" unless --log-level says
// otherwise. spdlog stays inside log.cc: its header-only logger and fmt cost
// each file that includes them half a minute of compile time.
#pragma once

#include <concepts>
#include <string>
#include <string_view>

#include "log_level.h"

namespace probe {

/// Sets the logger's level.
void set_log_level(LogLevel level);

/// Whether a message at `level` would be written now.
bool log_enabled(LogLevel level);

/// Writes `message` at `level` (if enabled) as one line on stderr.
void log_write(LogLevel level, std::string_view message);

namespace detail {
inline void log_append(std::string& out, std::string_view part) {
  out += part;
}
template <std::integral T>
void log_append(std::string& out, T part) {
  out += std::to_string(part);
}
}  // namespace detail

/// Writes the parts (text or integers), concatenated, at `level`; nothing
/// is built when the level is off.
template <typename... Parts>
void log(LogLevel level, const Parts&... parts) {
  if (!log_enabled(level)) return;
  std::string message;
  (detail::log_append(message, parts), ...);
  log_write(level, message);
}

}  // namespace probe
