// Diagnostics: one spdlog logger on stderr (never stdout, which carries the
// report). Level "warn" unless --log-level says otherwise. Include it only
// where something is logged; the levels alone are in log_level.h.
#pragma once

#include <spdlog/logger.h>

#include "log_level.h"

namespace probe {

/// The probe's logger.
spdlog::logger& log();

/// Sets the logger's level.
void set_log_level(LogLevel level);

}  // namespace probe
