// The census in one paragraph: how many calls got each verdict, and which.
// Pure; both renderings use it (the text report's "Summary", JSON "summary").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "report.h"

namespace probe {

struct VerdictCount {
  Verdict verdict = Verdict::Error;
  std::vector<std::string_view> names;  ///< in catalogue order (Attempt::name's storage)
};

struct Summary {
  std::size_t calls = 0;
  /// One entry per verdict that occurs, in the order of the Verdict enum.
  std::vector<VerdictCount> counts;
};

/// Counts the verdicts of `attempts` (the catalogue).
Summary summarise(const std::vector<Attempt>& attempts);

/// For people: "blocked by the filter", "absent", ...
std::string_view verdict_phrase(Verdict v);

/// "48 calls: 40 implemented, 6 blocked by the filter: clone3 ..., 2 absent:
/// ..." -- names for every verdict but implemented. Empty for no calls.
std::string summary_sentence(const Summary& s);

}  // namespace probe
