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
  std::string verdict;      ///< one of the schema's verdicts, or a newer one as written
  std::string explanation;  ///< the report's sentence on the verdict; may be empty
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
  /// What two reports must share to stand for the same kind of node
  /// (parse.h); empty for a failed host.
  std::string identity;
  /// group_identical: the labels of the hosts this column stands for, when
  /// it stands for more than one; empty otherwise.
  std::vector<std::string> members;
};

/// One line of the table: a fact and its value on each host.
struct Row {
  std::string fact;                ///< "syscall_probe (548)", "cachestat"
  std::string since;               ///< "6.5"; empty for ours
  std::vector<std::string> cells;  ///< one per host; kMissing when not probed
  bool differs = false;            ///< the probed hosts do not all agree
  /// Fact rows: the catalogue's subject of the call ("files", "since 5.0",
  /// probe::subsystem_name), kOwnCategory for ours, kOtherCategory for a
  /// name this probe's catalogue lacks (a newer probe's report). Empty for
  /// the host description rows.
  std::string category;
  /// Fact rows: each host's explanation of its cell (the report's sentence;
  /// empty where not probed or the report has none), one per host.
  std::vector<std::string> notes;
};

/// The category of our own syscall's row.
inline constexpr std::string_view kOwnCategory = "syscall_probe";
/// The category of a row whose name this probe's catalogue does not know.
inline constexpr std::string_view kOtherCategory = "other";

/// A column label read as the matrix scripts write it, "ENGINE [VERSION[/RUNTIME]] PROFILE"
/// ("docker 26.1.5/runc 1.1.15 default", "podman 4.3.1/crun 1.8.1 rootless default",
/// "bookworm unconfined"): the first word, the last word, and what lies between, split at
/// its first '/'. A label of one word is all engine. Only for showing: a label is free text.
struct LabelParts {
  std::string engine;   ///< "docker"; "bookworm" (a kernel's name)
  std::string version;  ///< "26.1.5"; empty when the label has no middle
  std::string runtime;  ///< "runc 1.1.15"; empty when the middle has no '/'
  std::string profile;  ///< "default", "unconfined"; empty for a one-word label
};
LabelParts split_label(std::string_view label);

/// The cell of a host that did not probe the fact (or failed).
inline constexpr std::string_view kMissing = "—";

/// Which catalogue rows the table keeps.
enum class RowFilter : std::uint8_t {
  Differing,  ///< only rows whose values differ (the default of `compare`)
  All,        ///< every row (--all-rows)
};

/// Columns (hosts) and rows (facts): first the host description rows
/// (kernel, arch, runtime, seccomp, probe version, and "nodes" when a column
/// stands for several: group.h), then our syscall, then the
/// catalogue names seen in any report, in the order first seen.
struct Matrix {
  std::vector<std::string> columns;  ///< host labels, numbered when repeated
  std::vector<LabelParts> parts;     ///< split_label of each host's label
  std::vector<Row> header;           ///< kernel, arch, runtime, seccomp, probe
  std::vector<Row> facts;            ///< our syscall, then the catalogue rows kept
  std::size_t syscalls = 0;          ///< fact rows before filtering
  std::size_t differing = 0;         ///< of those, rows whose values differ
  std::size_t hidden = 0;            ///< equal rows left out by RowFilter::Differing
};

/// Builds the table. Each catalogue row's category is `category_of(name)`,
/// kOtherCategory for every row without one. A failed host has kMissing in every fact row and its
/// reason in the "kernel" header row. `differs` ignores kMissing cells.
/// With RowFilter::Differing, catalogue rows whose values do not differ are
/// counted in `hidden` and left out; our own syscall's row is always kept, and
/// with fewer than two hosts that probed anything (nothing to compare) every
/// row is kept.
/// The category of a catalogue row, from its call's name (command.h's
/// catalogue_category: the probe's catalogue; the model itself knows none).
using CategoryOf = std::string (*)(std::string_view name);

Matrix build_matrix(const std::vector<Host>& hosts, RowFilter filter = RowFilter::All,
                    CategoryOf category_of = nullptr);

}  // namespace probe::compare
