// compare's model: hosts (one per report) in, a table of facts out. Pure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace probe::compare {

/// Verdict of one syscall on one host.
struct Fact {
  std::string name;   ///< catalogue name, e.g. "cachestat"
  std::string since;  ///< kernel version that added it; empty for ours
  int nr = -1;
  std::string verdict;  ///< one of the schema's verdicts, or a newer one as written
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

/// One line of the table: a fact and its value on each host.
struct Row {
  std::string fact;                ///< "syscall_probe (548)", "cachestat"
  std::string since;               ///< "6.5"; empty for ours
  std::vector<std::string> cells;  ///< one per host; kMissing when not probed
  bool differs = false;            ///< the probed hosts do not all agree
};

/// The cell of a host that did not probe the fact (or failed).
inline constexpr std::string_view kMissing = "—";

/// Which catalogue rows the table keeps.
enum class RowFilter : std::uint8_t {
  Differing,  ///< only rows whose values differ (the default of `compare`)
  All,        ///< every row (--all-rows)
};

/// Columns (hosts) and rows (facts): first the host description rows
/// (kernel, arch, runtime, seccomp, probe version), then our syscall, then the
/// catalogue names seen in any report, in the order first seen.
struct Matrix {
  std::vector<std::string> columns;  ///< host labels, numbered when repeated
  std::vector<Row> header;           ///< kernel, arch, runtime, seccomp, probe
  std::vector<Row> facts;            ///< our syscall, then the catalogue rows kept
  std::size_t syscalls = 0;          ///< fact rows before filtering
  std::size_t differing = 0;         ///< of those, rows whose values differ
  std::size_t hidden = 0;            ///< equal rows left out by RowFilter::Differing
};

/// Builds the table. A failed host has kMissing in every fact row and its
/// reason in the "kernel" header row. `differs` ignores kMissing cells.
/// With RowFilter::Differing, catalogue rows whose values do not differ are
/// counted in `hidden` and left out; our own syscall's row is always kept, and
/// with fewer than two hosts that probed anything (nothing to compare) every
/// row is kept.
Matrix build_matrix(const std::vector<Host>& hosts, RowFilter filter = RowFilter::All);

}  // namespace probe::compare
