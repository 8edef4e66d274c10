// `syscall-probe compare`: several JSON reports in, one comparison table out.
//
// The work is three pure steps, each unit-tested (probe/test/compare_test.cc):
//   parse_reports (text -> Host columns, or a warning naming what was wrong)
//   -> build_matrix (hosts -> rows of facts, each marked when its values differ)
//   -> render_text / render_markdown / render_html.
// compare_main only reads files, calls those, and writes the result.
// docs/compare.md describes the command, the formats and the failure document.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace probe {

/// Entry point of the `compare` subcommand. argv[0] is "compare"; the rest are
/// its options and report files ("-" for stdin). Returns the process exit code
/// (0 table printed, 2 usage error or no usable report, 3 internal error).
int compare_main(int argc, char** argv);

namespace compare {

/// The schema this compare understands (docs/report.schema.json).
inline constexpr std::string_view kReportSchema = "syscall-probe/report";
inline constexpr int kReportSchemaVersion = 1;
/// A document scripts/matrix writes for a host that did not produce a report
/// (failed to boot, image did not run): {"schema": kFailureSchema,
/// "schema_version": 1, "label": "...", "reason": "..."}. It becomes a column
/// that says so.
inline constexpr std::string_view kFailureSchema = "syscall-probe/host-failure";

/// Verdict of one syscall on one host.
struct Fact {
  std::string name;   ///< catalogue name, e.g. "cachestat"
  std::string since;  ///< kernel version that added it; empty for ours
  int nr = -1;
  std::string verdict;  ///< one of the schema's verdicts
};

/// One column: a host (kernel + runtime), as read from one report.
struct Host {
  std::string source;   ///< where it came from: file name, "stdin", "x.json #2"
  std::string label;    ///< report label, else the nodename
  std::string release;  ///< uname -r
  std::string machine;  ///< uname -m
  std::string runtime;  ///< container.runtime: docker, none, ...
  std::string seccomp;  ///< mode_name, with the filter count when known
  std::string probe_version;
  std::optional<std::string> failure;  ///< set for a host-failure document
  Fact own;                            ///< the project's syscall
  std::vector<Fact> catalogue;
};

/// One document of an input that could not be used, and why. `refused` is a
/// report of another schema or version; otherwise the text was corrupt.
struct Problem {
  std::string source;
  std::string message;
  bool refused = false;
};

/// parse_reports' answer: every usable document and every unusable one.
struct Parsed {
  std::vector<Host> hosts;
  std::vector<Problem> problems;
};

/// Reads every JSON document in `text` (one, or several concatenated, as
/// `kubectl logs` of many pods gives them). `source` names the input in
/// Host::source and in problems. Never throws on bad input: a document that is
/// not JSON, is truncated, or lacks a required field becomes a Problem and,
/// where the stream cannot be resynchronised, ends the input.
Parsed parse_reports(std::string_view text, std::string_view source);

/// One line of the table: a fact and its value on each host.
struct Row {
  std::string fact;                ///< "syscall_probe (548)", "cachestat"
  std::string since;               ///< "6.5"; empty for ours
  std::vector<std::string> cells;  ///< one per host; kMissing when not probed
  bool differs = false;            ///< the probed hosts do not all agree
};

inline constexpr std::string_view kMissing = "—";

/// Columns (hosts) and rows (facts): first the host description rows
/// (kernel, arch, runtime/seccomp, probe version), then our syscall, then every
/// catalogue name seen in any report, in the order first seen.
struct Matrix {
  std::vector<std::string> columns;  ///< host labels
  std::vector<Row> header;           ///< kernel, arch, runtime/seccomp, probe
  std::vector<Row> facts;            ///< our syscall, then the catalogue
};

/// Builds the table. A failed host has kMissing in every fact row and its
/// reason in the "kernel" header row. `differs` ignores kMissing cells.
Matrix build_matrix(const std::vector<Host>& hosts);

/// Aligned plain text for a terminal; "*" in the first column marks rows
/// whose values differ.
std::string render_text(const Matrix& m);
/// GitHub-flavoured Markdown (a job summary); "≠" marks rows that differ.
std::string render_markdown(const Matrix& m);
/// A self-contained HTML page: inline CSS, no script, no external URL.
std::string render_html(const Matrix& m, std::string_view title);

enum class Format { Text, Markdown, Html };

struct Options {
  Format format = Format::Text;
  std::string output;               ///< empty: stdout
  std::vector<std::string> inputs;  ///< files, "-" for stdin
};

/// What the command line asks for: run with Options, print help, or a
/// one-line usage error.
struct Help {
  std::string text;
};
struct UsageError {
  std::string message;
};
using Command = std::variant<Options, Help, UsageError>;

/// Parses `compare`'s arguments (argv[0] is "compare"). Pure: no I/O.
Command parse_command_line(int argc, const char* const* argv);

}  // namespace compare
}  // namespace probe
