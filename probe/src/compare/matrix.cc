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

std::vector<Row> header_rows(const std::vector<Host>& hosts) {
  Row kernel{"kernel", "", {}, false};
  Row arch{"arch", "", {}, false};
  Row runtime{"runtime", "", {}, false};
  Row seccomp{"seccomp", "", {}, false};
  Row version{"probe", "", {}, false};
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
  return {kernel, arch, runtime, seccomp, version};
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
  Row own{own_fact_name(own_nr), "", {}, false};
  for (const auto& h : hosts) {
    if (h.failure) {
      own.cells.emplace_back(kMissing);
    } else if (h.own.nr != own_nr) {
      own.cells.push_back(h.own.verdict + " (nr " + std::to_string(h.own.nr) + ")");
    } else {
      own.cells.push_back(h.own.verdict);
    }
  }
  own.differs = values_differ(own.cells);
  return own;
}

// The union of catalogue names, in the order first seen.
std::vector<Row> catalogue_rows(const std::vector<Host>& hosts) {
  std::vector<std::pair<std::string, std::string>> names;  // name, since
  std::set<std::string, std::less<>> known;
  for (const auto& h : hosts) {
    for (const auto& f : h.catalogue) {
      if (known.insert(f.name).second) names.emplace_back(f.name, f.since);
    }
  }
  std::vector<Row> rows;
  for (const auto& [name, since] : names) {
    Row r{name, since, {}, false};
    for (const auto& h : hosts) {
      const auto it = std::find_if(h.catalogue.begin(), h.catalogue.end(),
                                   [&name = name](const Fact& f) { return f.name == name; });
      r.cells.push_back(it == h.catalogue.end() ? std::string(kMissing) : it->verdict);
    }
    r.differs = values_differ(r.cells);
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace

Matrix build_matrix(const std::vector<Host>& hosts, RowFilter filter) {
  Matrix m;
  m.columns = column_labels(hosts);
  m.header = header_rows(hosts);
  m.facts.push_back(own_row(hosts));
  std::vector<Row> rows = catalogue_rows(hosts);
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
