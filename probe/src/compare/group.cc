#include "compare/group.h"

#include <map>
#include <utility>

namespace probe::compare {

std::string group_label(std::size_t count) {
  return std::to_string(count) + (count == 1 ? " node" : " nodes");
}

std::vector<Host> group_identical(std::vector<Host> hosts) {
  std::vector<Host> groups;
  std::map<std::string, std::size_t, std::less<>> at;  // identity -> index in groups
  for (auto& h : hosts) {
    if (h.failure || h.identity.empty()) {
      groups.push_back(std::move(h));
      continue;
    }
    const auto [it, first] = at.emplace(h.identity, groups.size());
    if (first) {
      h.members.push_back(h.label);
      groups.push_back(std::move(h));
    } else {
      groups[it->second].members.push_back(std::move(h.label));
    }
  }
  for (auto& g : groups) {
    if (g.members.size() > 1) g.label = group_label(g.members.size());
  }
  return groups;
}

}  // namespace probe::compare
