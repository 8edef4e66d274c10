// The command line: options and their parsing. Pure (no I/O): the caller
// prints what parse_cli returns. Every option is a typed Boost.Program_options
// value with its own validator; --help is generated from the same table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "log_level.h"
#include "report_request.h"
#include "verdict.h"

namespace probe {

enum class Format : std::uint8_t { Text, Json };

/// Highest --nr accepted. Real tables end below 600 (x86_64: ~470, x32
/// 512-547, ours 548); 1023 leaves room without reaching x32's 0x40000000 bit.
inline constexpr long kMaxNr = 1023;
inline constexpr int kMaxTimeoutMs = 600000;

/// One row of --expect NAME=VERDICT: a catalogue call and the verdict it
/// must get.
struct RowExpectation {
  std::string name;
  Verdict verdict = Verdict::Implemented;
};

/// The report's request, and how to print and check the report.
struct Options : ReportRequest {
  Format format = Format::Text;
  std::optional<Verdict> expect;            ///< our own syscall's (--expect VERDICT, 548=VERDICT)
  std::vector<RowExpectation> expect_rows;  ///< --expect NAME=VERDICT,...: catalogue rows
  LogLevel log_level = LogLevel::Warn;
};

/// What to do after parsing.
struct CliResult {
  enum class Action : std::uint8_t { Run, Exit };
  Action action = Action::Exit;
  Options options;
  int exit_code = 0;  ///< for Exit: 0 (--help, --version) or 2 (usage error)
  std::string out;    ///< for Exit: text for stdout (help, version)
  std::string err;    ///< for Exit: one line for stderr (usage error)
};

/// Exit codes, stable and documented in --help and docs/report.md.
inline constexpr int kExitOk = 0;
inline constexpr int kExitMismatch = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInternal = 3;

/// Parses argv (argv[0] is the program name). Any bad input is an Exit with
/// kExitUsage and one line in `err`.
CliResult parse_cli(int argc, const char* const argv[]);

/// What --syscalls selects, in the order given, each name once: "all" (every
/// catalogue entry with a number here), names, numbers (decimal or 0x-hex)
/// and ranges "N-M" of numbers, comma-separated. Only catalogue entries can be
/// probed safely, so a single number must be an entry's number on this
/// architecture; a range selects the entries inside it, and may hold none as
/// long as the whole list selects something. Throws
/// boost::program_options::invalid_option_value with a one-line message.
std::vector<std::string> select_syscalls(const std::string& list);

/// The project version from CMakeLists.txt, e.g. "0.2.0".
const char* probe_version();

}  // namespace probe
