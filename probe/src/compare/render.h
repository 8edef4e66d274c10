// compare's output: one Matrix as a text table, a Markdown table or an HTML
// page. Pure. Every form ends with a line counting hosts, syscalls, rows that
// differ and equal rows hidden (docs/compare.md).
#pragma once

#include <string>
#include <string_view>

#include "compare/matrix.h"

namespace probe::compare {

/// Aligned plain text for a terminal; "*" in the first column marks rows
/// whose values differ.
std::string text_table(const Matrix& m);
/// GitHub-flavoured Markdown (a job summary); "≠" marks rows that differ.
std::string markdown_table(const Matrix& m);
/// A self-contained HTML page (no external URL, no request): the matrix in one
/// scroll container whose header row and syscall column stay in view, short
/// column keys (C1, C2, ...) with a legend table, filters "only rows that
/// differ" and category (a small inline script), each cell's explanation as
/// its title (shown on hover).
std::string html_page(const Matrix& m, std::string_view title);

}  // namespace probe::compare
