// compare's input side: JSON text -> hosts, or problems naming what was wrong.
// Pure: the text comes from compare/io.h.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "compare/matrix.h"

namespace probe::compare {

/// A document nested deeper than this is not a report (reports nest 5 deep);
/// the limit keeps a hostile input from exhausting the stack or memory.
inline constexpr std::size_t kMaxDepth = 32;
/// A document with more values than this is not a report (a 450-row census
/// holds about 10,000); bounds the memory one document can take.
inline constexpr std::size_t kMaxValues = 1'000'000;

/// One document of an input that could not be used, and why. `refused` is a
/// document of another schema or version; otherwise the text was corrupt.
struct Problem {
  std::string source;
  std::string message;  ///< one line
  bool refused = false;
};

/// parse_reports' answer: every usable document and every unusable one.
struct Parsed {
  std::vector<Host> hosts;
  std::vector<Problem> problems;
};

/// Each report's Host::identity is the text of what two reports must share
/// to stand for the same kind of node (compare --group, docs/fleet.md): every
/// verdict (ours and the catalogue's, by name and number), the kernel (all
/// of uname but the hostname), the confinement facts (seccomp, capabilities,
/// no_new_privs, LSMs and lockdown, user namespace, the cgroup version), the
/// container runtime, emulation, whether BTF and kallsyms were readable, and
/// the probe version. Never the label, the hostname, the namespaces' and
/// cgroup's identifiers, the container's evidence (it names the container),
/// the token, the outcomes and their timings, or when the report was made.
///
/// Reads every JSON document in `text` (one, or several concatenated, as
/// `kubectl logs` of many pods gives them). `source` names the input in
/// Host::source and in problems ("x.json", then "x.json #2", ...). Never throws
/// on bad input: a document that is not JSON, is truncated, nests deeper than
/// kMaxDepth, holds more than kMaxValues values or lacks a required field
/// becomes a Problem; where the stream cannot be resynchronised (a syntax
/// error, a limit hit mid-document) it also ends the input. An input with no
/// document at all is one Problem ("empty").
Parsed parse_reports(std::string_view text, std::string_view source);

}  // namespace probe::compare
