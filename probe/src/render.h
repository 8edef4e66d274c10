// Rendering a Report: JSON per docs/report.schema.json, or an aligned text
// report of at most 80 columns. Pure.
#pragma once

#include <string>

#include "report.h"

namespace probe {

/// The report as JSON (schema "syscall-probe/report", version 1), with a
/// trailing newline.
std::string render_json(const Report& report);

/// The report as text, every line at most 80 columns. `colour` adds ANSI
/// colours to verdicts (the caller decides: a TTY and no NO_COLOR).
std::string render_text(const Report& report, bool colour);

}  // namespace probe
