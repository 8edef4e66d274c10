#include "compare/matrix.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "linux/syscall_probe.h"

namespace probe::compare {

namespace {

std::string own_fact_name(int nr) {
  return std::string(SYSCALL_PROBE_NAME) + " (" + std::to_string(nr) + ")";
}

bool values_differ(const std::vector<std::string>& cells) {
  std::set<std::string, std::less<>> seen;
  for (const auto& c : cells) {
    if (c != kMissing) seen.insert(c);
  }
  return seen.size() > 1;
}

std::vector<std::string> column_labels(const std::vector<Host>& hosts) {
  std::vector<std::string> columns;
  std::map<std::string, int> times;
  for (const auto& h : hosts) {
    const int n = ++times[h.label];
    columns.push_back(n == 1 ? h.label : h.label + " (" + std::to_string(n) + ")");
  }
  return columns;
}

// The hosts a grouped column stands for: the first few labels, then how many
// more (a table cell, not a list of a hundred names).
constexpr std::size_t kNodesShown = 4;

Row nodes_row(const std::vector<Host>& hosts) {
  Row nodes{"nodes", "", {}, false, {}, {}};
  for (const auto& h : hosts) {
    if (h.members.size() <= 1) {
      nodes.cells.push_back(h.failure ? std::string(kMissing) : h.label);
      continue;
    }
    std::string cell;
    for (std::size_t i = 0; i < h.members.size() && i < kNodesShown; ++i) {
      cell += (i == 0 ? "" : ", ") + h.members[i];
    }
    if (h.members.size() > kNodesShown) {
      cell += ", … (+" + std::to_string(h.members.size() - kNodesShown) + ")";
    }
    nodes.cells.push_back(std::move(cell));
  }
  return nodes;
}

std::vector<Row> header_rows(const std::vector<Host>& hosts) {
  Row kernel{"kernel", "", {}, false, {}, {}};
  Row arch{"arch", "", {}, false, {}, {}};
  Row runtime{"runtime", "", {}, false, {}, {}};
  Row seccomp{"seccomp", "", {}, false, {}, {}};
  Row version{"probe", "", {}, false, {}, {}};
  for (const auto& h : hosts) {
    if (h.failure) {
      kernel.cells.push_back("FAILED: " + *h.failure);
      for (Row* r : {&arch, &runtime, &seccomp, &version}) r->cells.emplace_back(kMissing);
      continue;
    }
    kernel.cells.push_back(h.release);
    arch.cells.push_back(h.machine);
    runtime.cells.push_back(h.runtime);
    seccomp.cells.push_back(h.seccomp);
    version.cells.push_back(h.probe_version);
  }
  std::vector<Row> rows{kernel, arch, runtime, seccomp, version};
  if (std::any_of(hosts.begin(), hosts.end(), [](const Host& h) { return h.members.size() > 1; })) {
    rows.push_back(nodes_row(hosts));
  }
  return rows;
}

// Our syscall: named after the number most reports tried; a report that tried
// another number (--nr) says so in its cell.
Row own_row(const std::vector<Host>& hosts) {
  std::map<int, int> nr_votes;
  for (const auto& h : hosts) {
    if (!h.failure) ++nr_votes[h.own.nr];
  }
  int own_nr = SYSCALL_PROBE_NR;
  if (!nr_votes.empty()) {
    own_nr = std::max_element(nr_votes.begin(), nr_votes.end(), [](const auto& a, const auto& b) {
               return a.second < b.second;
             })->first;
  }
  Row own{own_fact_name(own_nr), "", {}, false, std::string(kOwnCategory), {}};
  for (const auto& h : hosts) {
    if (h.failure) {
      own.cells.emplace_back(kMissing);
      own.notes.emplace_back();
      continue;
    }
    if (h.own.nr != own_nr) {
      own.cells.push_back(h.own.verdict + " (nr " + std::to_string(h.own.nr) + ")");
    } else {
      own.cells.push_back(h.own.verdict);
    }
    own.notes.push_back(h.own.explanation);
  }
  own.differs = values_differ(own.cells);
  return own;
}

// The union of catalogue names, in the order first seen.
std::vector<Row> catalogue_rows(const std::vector<Host>& hosts, CategoryOf category_of) {
  std::vector<std::pair<std::string, std::string>> names;  // name, since
  std::set<std::string, std::less<>> known;
  for (const auto& h : hosts) {
    for (const auto& f : h.catalogue) {
      if (known.insert(f.name).second) names.emplace_back(f.name, f.since);
    }
  }
  std::vector<Row> rows;
  for (const auto& [name, since] : names) {
    Row r{name,
          since,
          {},
          false,
          category_of != nullptr ? category_of(name) : std::string(kOtherCategory),
          {}};
    for (const auto& h : hosts) {
      const auto it = std::find_if(h.catalogue.begin(), h.catalogue.end(),
                                   [&name = name](const Fact& f) { return f.name == name; });
      const bool found = it != h.catalogue.end();
      r.cells.push_back(found ? it->verdict : std::string(kMissing));
      r.notes.push_back(found ? it->explanation : std::string());
    }
    r.differs = values_differ(r.cells);
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace

LabelParts split_label(std::string_view label) {
  LabelParts parts;
  const auto first_space = label.find(' ');
  if (first_space == std::string_view::npos) {
    parts.engine = label;
    return parts;
  }
  const auto last_space = label.rfind(' ');
  parts.engine = label.substr(0, first_space);
  parts.profile = label.substr(last_space + 1);
  if (last_space > first_space) {
    const std::string_view middle = label.substr(first_space + 1, last_space - first_space - 1);
    const auto slash = middle.find('/');
    parts.version = middle.substr(0, slash);
    if (slash != std::string_view::npos) parts.runtime = middle.substr(slash + 1);
  }
  return parts;
}

Matrix build_matrix(const std::vector<Host>& hosts, RowFilter filter, CategoryOf category_of) {
  Matrix m;
  m.columns = column_labels(hosts);
  for (const auto& h : hosts) m.parts.push_back(split_label(h.label));
  m.header = header_rows(hosts);
  m.facts.push_back(own_row(hosts));
  std::vector<Row> rows = catalogue_rows(hosts, category_of);
  m.syscalls = 1 + rows.size();
  m.differing = m.facts.front().differs ? 1 : 0;
  for (const auto& r : rows) m.differing += r.differs ? 1 : 0;

  const auto probed = std::count_if(hosts.begin(), hosts.end(),
                                    [](const Host& h) { return !h.failure.has_value(); });
  const bool keep_all = filter == RowFilter::All || probed < 2;
  for (auto& r : rows) {
    if (keep_all || r.differs) {
      m.facts.push_back(std::move(r));
    } else {
      ++m.hidden;
    }
  }
  return m;
}

}  // namespace probe::compare
