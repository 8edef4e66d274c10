// `syscall-probe compare`: its command line (pure) and the command itself,
// which reads the inputs (compare/io.h), parses them (compare/parse.h), builds
// the table (compare/matrix.h) and writes it (compare/render.h).
// docs/compare.md describes the command, the formats and the exit codes.
#pragma once

#include <boost/any.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "compare/matrix.h"

namespace probe::compare {

/// Exit codes of compare (docs/compare.md).
inline constexpr int kExitTable = 0;     ///< table written, maybe with inputs skipped
inline constexpr int kExitUsage = 2;     ///< bad usage, no usable report, input too large,
                                         ///< --output not writable
inline constexpr int kExitInternal = 3;  ///< a bug

enum class TableFormat : std::uint8_t { Text, Markdown, Html };

/// What the command line asks for when it asks for a table.
struct Settings {
  TableFormat format = TableFormat::Text;
  RowFilter rows = RowFilter::Differing;
  bool group = false;               ///< --group: one column per kind of node (group.h)
  std::string output;               ///< empty: stdout
  std::vector<std::string> inputs;  ///< files, "-" for stdin
};

/// What the command line asks for: a table, the help, or a one-line usage
/// error.
struct Help {
  std::string text;
};
struct UsageError {
  std::string message;  ///< one line, no "error:" prefix, no newline
};
using Command = std::variant<Settings, Help, UsageError>;

/// A row's category for build_matrix: the subject of the call's row file in
/// this probe's catalogue (probe::subsystem_name), kOtherCategory for a name
/// it does not know.
std::string catalogue_category(std::string_view name);

/// Parses compare's arguments (argv[0] is "compare"). Pure: no I/O.
Command parse_command_line(int argc, const char* const* argv);

/// Boost.Program_options reads --format through this (by argument-dependent
/// lookup): a word of the format table, else a one-line error.
void validate(boost::any& out, const std::vector<std::string>& values, TableFormat* /*tag*/,
              int /*overload*/);

}  // namespace probe::compare

namespace probe {

/// Entry point of the `compare` subcommand. argv[0] is "compare"; the rest are
/// its options and report files ("-" for stdin). Prints the table (or help) on
/// stdout, one line per skipped document and the error, if any, on stderr;
/// returns compare::kExitTable, kExitUsage or kExitInternal.
int compare_main(int argc, char** argv);

}  // namespace probe
