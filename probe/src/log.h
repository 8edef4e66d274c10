// Diagnostics: one spdlog logger on stderr (never stdout, which carries the
// report). Level "warn" unless --log-level says otherwise.
#pragma once

#include <spdlog/logger.h>

#include <cstdint>
#include <span>
#include <string_view>
#include <utility>

namespace probe {

/// How much the probe says on stderr, least to most quiet.
enum class LogLevel : std::uint8_t { Trace, Debug, Info, Warn, Error, Critical, Off };

/// Every level with its name ("trace" ... "off"), in the order of the enum
/// (--log-level reads and lists this table).
std::span<const std::pair<LogLevel, std::string_view>> log_level_names();

/// The probe's logger.
spdlog::logger& log();

/// Sets the logger's level.
void set_log_level(LogLevel level);

}  // namespace probe
