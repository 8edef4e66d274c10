#include "summary.h"

#include <string>

namespace probe {

namespace {

constexpr Verdict kOrder[] = {
    Verdict::Implemented, Verdict::Partial,         Verdict::Blocked,  Verdict::BlockedOrDenied,
    Verdict::Absent,      Verdict::AbsentOrBlocked, Verdict::Occupied, Verdict::Killed,
    Verdict::Timeout,     Verdict::Error,
};

}  // namespace

std::string_view verdict_phrase(Verdict v) {
  switch (v) {
    case Verdict::Implemented: return "implemented";
    case Verdict::Partial: return "partial (an argument refused)";
    case Verdict::Absent: return "absent";
    case Verdict::Blocked: return "blocked by the filter";
    case Verdict::AbsentOrBlocked: return "absent or blocked (not settled)";
    case Verdict::BlockedOrDenied: return "blocked by the filter or denied by the kernel";
    case Verdict::Occupied: return "occupied by another call";
    case Verdict::Killed: return "killed";
    case Verdict::Timeout: return "timed out";
    case Verdict::Error: return "not tried (error)";
  }
  return "?";
}

Summary summarise(const std::vector<Attempt>& attempts) {
  Summary s;
  s.calls = attempts.size();
  for (Verdict v : kOrder) {
    VerdictCount c{v, {}};
    for (const auto& a : attempts) {
      if (a.verdict == v) c.names.push_back(a.name);
    }
    if (!c.names.empty()) s.counts.push_back(std::move(c));
  }
  return s;
}

std::string summary_sentence(const Summary& s) {
  if (s.calls == 0) return "";
  // std::to_string, not fmt: fmt's runtime formatter costs the static binary
  // ~40 KB (render_text.cc).
  std::string out = std::to_string(s.calls) + (s.calls == 1 ? " call" : " calls");
  for (std::size_t i = 0; i < s.counts.size(); ++i) {
    const auto& c = s.counts[i];
    out.append(i == 0 ? ": " : ", ").append(std::to_string(c.names.size())).append(" ");
    out += verdict_phrase(c.verdict);
    if (c.verdict == Verdict::Implemented) continue;
    out += ":";
    for (const auto name : c.names) out.append(" ").append(name);
  }
  return out + ".";
}

}  // namespace probe
