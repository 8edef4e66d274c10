// One input through compare's whole pure path: parse_reports, build_matrix
// (both filters), the three renderings. Shared by the bounded mutation test
// (probe/test/compare_fuzz_test.cc, always run) and the libFuzzer target
// (probe/fuzz/compare_parse_fuzz.cc, built with clang). Returns an empty string
// when every invariant holds, else what broke; bad input must never throw.
#pragma once

#include <string>
#include <string_view>

#include "compare/matrix.h"
#include "compare/parse.h"
#include "compare/render.h"

namespace probe::compare::fuzz {

inline std::string check_one(std::string_view input) {
  const Parsed parsed = parse_reports(input, "fuzz");
  if (parsed.hosts.empty() && parsed.problems.empty()) return "neither a host nor a problem";
  for (const auto& p : parsed.problems) {
    if (p.message.empty()) return "a problem without a message";
    if (p.source.rfind("fuzz", 0) != 0) return "a problem not naming its source: " + p.source;
  }
  if (parsed.hosts.empty()) return {};
  for (const RowFilter filter : {RowFilter::All, RowFilter::Differing}) {
    const Matrix m = build_matrix(parsed.hosts, filter);
    if (m.columns.size() != parsed.hosts.size()) return "columns != hosts";
    for (const auto* rows : {&m.header, &m.facts}) {
      for (const auto& r : *rows) {
        if (r.cells.size() != m.columns.size()) return "a row of the wrong width: " + r.fact;
      }
    }
    if (m.facts.size() + m.hidden != m.syscalls) return "rows shown + hidden != syscalls";
    if (text_table(m).empty() || markdown_table(m).empty() || html_page(m, "t").empty()) {
      return "an empty rendering";
    }
  }
  return {};
}

}  // namespace probe::compare::fuzz
