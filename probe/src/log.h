// Diagnostics: one spdlog logger on stderr (never stdout, which carries the
// report). Level "warn" unless --log-level says otherwise.
#pragma once

#include <spdlog/logger.h>

#include <string_view>

namespace probe {

/// The probe's logger.
spdlog::logger& log();

/// Sets the level from "trace", "debug", "info", "warn", "error", "critical"
/// or "off". Returns false (level unchanged) for anything else.
bool set_log_level(std::string_view name);

}  // namespace probe
