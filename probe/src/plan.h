// The plan of a census: which calls, in which order, with which prctl between
// them. Pure: the System (system.h) makes the calls it lists.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "catalogue.h"
#include "outcome.h"
#include "system.h"

namespace probe {

struct CallPlan {
  /// The catalogue rows named, each probed one once, in the order named:
  /// the report's order.
  std::vector<const CatalogueEntry*> rows;
  /// Indices into `rows` in the order of the calls: most first; then, after
  /// prctl(PR_SET_NO_NEW_PRIVS), those whose kernel check no_new_privs passes;
  /// last, those expected to kill their caller (uretprobe), so that their
  /// death costs no fresh child for the rest.
  std::vector<std::size_t> order;
  /// What the door is asked to make: the project's own call first, then the
  /// rows in `order`, the prctl at `no_new_privs_at`.
  std::vector<SyscallRequest> requests;
  /// Where the prctl is in `requests`; nullopt when no row needs it.
  std::optional<std::size_t> no_new_privs_at;
};

/// The plan for the catalogue rows named in `syscalls` (unknown names and
/// rows never probed are left out) after the call `own_nr` with `token`. A
/// number other than the project's own gets a child with its own memory.
CallPlan plan_calls(std::span<const std::string> syscalls, long own_nr, std::uint32_t token);

/// The door's outcomes for a plan's requests, apart.
struct PlannedOutcomes {
  /// The project's own call first, then the rows in the plan's `order`.
  std::vector<Outcome> calls;
  std::optional<Outcome> no_new_privs;  ///< the prctl's, if the plan made it
};

/// `outcomes`, one per request of `plan`, split into the calls' and the
/// prctl's.
PlannedOutcomes split_outcomes(const CallPlan& plan, std::vector<Outcome> outcomes);

/// prctl(PR_SET_NO_NEW_PRIVS, 1), the request the plan puts before the rows
/// that need it.
SyscallRequest no_new_privs_request();

}  // namespace probe
