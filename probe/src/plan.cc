#include "plan.h"

#include <sys/prctl.h>
#include <sys/syscall.h>

#include <algorithm>

#include "linux/syscall_probe.h"

namespace probe {

namespace {

// 0: most; 1: after the prctl; 2: last.
int phase(const CatalogueEntry& e) {
  if (e.expect.kind == Expectation::Kind::Signal) return 2;
  return e.precheck == Precheck::NoNewPrivsOrCapSysAdmin ? 1 : 0;
}

std::vector<const CatalogueEntry*> probed_rows(std::span<const std::string> syscalls) {
  std::vector<const CatalogueEntry*> rows;
  rows.reserve(syscalls.size());
  // Not built at all for a run without --syscalls.
  const auto table = syscalls.empty() ? std::span<const CatalogueEntry>{} : catalogue();
  const CatalogueEntry* e = nullptr;
  for (const auto& name : syscalls) {
    // `all` lists the table in order: try the row after the last first.
    if (e != nullptr && e + 1 < table.data() + table.size() && e[1].name == name) {
      ++e;
    } else {
      e = find_syscall(name);
    }
    // Calls no argument can stop (exit, fork, ...) are never made.
    if (e != nullptr && probed(*e)) rows.push_back(e);
  }
  return rows;
}

}  // namespace

// The prctl is made in the probe's child before the calls whose kernel check
// no_new_privs passes (landlock_restrict_self), so their EPERM under a filter
// is the filter's. It only restricts that child, which execs nothing.
SyscallRequest no_new_privs_request() {
  SyscallRequest req;
  req.nr = SYS_prctl;
  req.args[0] = PR_SET_NO_NEW_PRIVS;
  req.args[1] = 1;
  return req;
}

CallPlan plan_calls(std::span<const std::string> syscalls, long own_nr, std::uint32_t token) {
  CallPlan plan;
  plan.rows = probed_rows(syscalls);
  plan.order.reserve(plan.rows.size());
  for (int p = 0; p <= 2; ++p) {
    for (std::size_t i = 0; i < plan.rows.size(); ++i) {
      if (phase(*plan.rows[i]) == p) plan.order.push_back(i);
    }
  }
  plan.requests.reserve(plan.rows.size() + 2);
  SyscallRequest& own = plan.requests.emplace_back();
  own.nr = own_nr;
  own.args[0] = token;
  // Any number but ours is a call nobody vetted: it gets a child with its
  // own memory (system.h), whatever it does to its mappings.
  own.own_memory = own_nr != SYSCALL_PROBE_NR;
  for (const std::size_t i : plan.order) {
    const CatalogueEntry& row = *plan.rows[i];
    if (phase(row) == 1 && !plan.no_new_privs_at) {
      plan.no_new_privs_at = plan.requests.size();
      plan.requests.push_back(no_new_privs_request());
    }
    SyscallRequest& req = plan.requests.emplace_back();
    req.nr = nr_here(row);
    req.args = row.args;
  }
  return plan;
}

PlannedOutcomes split_outcomes(const CallPlan& plan, std::vector<Outcome> outcomes) {
  PlannedOutcomes split;
  if (plan.no_new_privs_at && *plan.no_new_privs_at < outcomes.size()) {
    const auto at = outcomes.begin() + static_cast<std::ptrdiff_t>(*plan.no_new_privs_at);
    split.no_new_privs = std::move(*at);
    outcomes.erase(at);
  }
  split.calls = std::move(outcomes);
  return split;
}

}  // namespace probe
