// The probe's log levels, apart from the logger: options.h (and through
// report.h most of the tree) needs the enum, and spdlog's header-only
// logger with fmt costs seconds in every file that includes it (log.h).
#pragma once

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

}  // namespace probe
