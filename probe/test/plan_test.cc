// plan_calls: which calls, in which order, with which prctl between them;
// pure, so tested without a System.
#include "plan.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "catalogue.h"
#include "linux/syscall_probe.h"
#include "options.h"

namespace probe {
namespace {

// 0: most; 1: after the prctl; 2: last (docs/verdicts.md).
int phase_of(const CatalogueEntry& e) {
  if (e.expect.kind == Expectation::Kind::Signal) return 2;
  return e.precheck == Precheck::NoNewPrivsOrCapSysAdmin ? 1 : 0;
}

bool is_prctl(const SyscallRequest& r) {
  return r.nr == no_new_privs_request().nr && r.args == no_new_privs_request().args;
}

TEST(Plan, OwnCallAloneWithoutRows) {
  const CallPlan plan = plan_calls({}, SYSCALL_PROBE_NR, 0x1234);
  ASSERT_EQ(plan.requests.size(), 1U);
  EXPECT_EQ(plan.requests[0].nr, SYSCALL_PROBE_NR);
  EXPECT_EQ(plan.requests[0].args[0], 0x1234U);
  EXPECT_FALSE(plan.requests[0].own_memory);
  EXPECT_TRUE(plan.rows.empty());
  EXPECT_FALSE(plan.no_new_privs_at);
}

TEST(Plan, AnotherNumberGetsItsOwnMemory) {
  const CallPlan plan = plan_calls({}, 39, 1);
  EXPECT_TRUE(plan.requests.at(0).own_memory);
}

TEST(Plan, RowsInTheOrderNamedUnknownAndUnprobedLeftOut) {
  const std::vector<std::string> names{"write", "no_such_call", "exit", "read"};
  const CallPlan plan = plan_calls(names, SYSCALL_PROBE_NR, 1);
  ASSERT_EQ(plan.rows.size(), 2U);
  EXPECT_EQ(plan.rows[0]->name, "write");
  EXPECT_EQ(plan.rows[1]->name, "read");
  ASSERT_EQ(plan.requests.size(), 3U);
  EXPECT_EQ(plan.requests[1].nr, nr_here(*plan.rows[0]));
  EXPECT_EQ(plan.requests[1].args, plan.rows[0]->args);
  EXPECT_FALSE(plan.requests[1].own_memory);
}

TEST(Plan, PrctlJustBeforeTheRowsThatNeedItSignalRowsLast) {
  const std::vector<std::string> names{"uretprobe", "landlock_restrict_self", "read", "write"};
  const CallPlan plan = plan_calls(names, SYSCALL_PROBE_NR, 1);
  ASSERT_EQ(plan.rows.size(), 4U);
  EXPECT_EQ(plan.order, (std::vector<std::size_t>{2, 3, 1, 0}));
  ASSERT_EQ(plan.no_new_privs_at, 3U);
  ASSERT_EQ(plan.requests.size(), 6U);
  EXPECT_TRUE(is_prctl(plan.requests[3]));
  EXPECT_EQ(plan.requests[4].nr, nr_here(*plan.rows[1]));  // landlock_restrict_self
  EXPECT_EQ(plan.requests[5].nr, nr_here(*plan.rows[0]));  // uretprobe
}

TEST(Plan, NoPrctlWhereNoRowNeedsIt) {
  const std::vector<std::string> names{"uretprobe", "read"};
  const CallPlan plan = plan_calls(names, SYSCALL_PROBE_NR, 1);
  EXPECT_FALSE(plan.no_new_privs_at);
  EXPECT_EQ(std::count_if(plan.requests.begin(), plan.requests.end(), is_prctl), 0);
}

// The whole catalogue: every probed row once, the phases in order, the
// prctl once, right before the first row of the middle phase.
TEST(Plan, WholeCatalogue) {
  const std::vector<std::string> all = select_syscalls("all");
  const CallPlan plan = plan_calls(all, SYSCALL_PROBE_NR, 1);
  const auto probed_rows = static_cast<std::size_t>(
      std::count_if(catalogue().begin(), catalogue().end(), [&](const CatalogueEntry& e) {
        return probed(e) && std::find(all.begin(), all.end(), e.name) != all.end();
      }));
  EXPECT_EQ(plan.rows.size(), probed_rows);
  std::vector<std::size_t> sorted = plan.order;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size(); ++i) ASSERT_EQ(sorted[i], i);
  for (std::size_t k = 1; k < plan.order.size(); ++k) {
    EXPECT_LE(phase_of(*plan.rows[plan.order[k - 1]]), phase_of(*plan.rows[plan.order[k]]));
  }
  ASSERT_TRUE(plan.no_new_privs_at);
  EXPECT_EQ(plan.requests.size(), plan.rows.size() + 2);
  EXPECT_TRUE(is_prctl(plan.requests.at(*plan.no_new_privs_at)));
  // The request after the prctl is the first row that needs it; the one
  // before, a row that does not.
  const std::size_t at = *plan.no_new_privs_at;
  EXPECT_EQ(phase_of(*plan.rows[plan.order[at - 1]]), 1);  // requests[at + 1]
  EXPECT_EQ(phase_of(*plan.rows[plan.order[at - 2]]), 0);  // requests[at - 1]
}

TEST(Plan, SplitOutcomesTakesThePrctlsOut) {
  const std::vector<std::string> names{"landlock_restrict_self", "read"};
  const CallPlan plan = plan_calls(names, SYSCALL_PROBE_NR, 1);
  ASSERT_EQ(plan.no_new_privs_at, 2U);
  std::vector<Outcome> outcomes(plan.requests.size());
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    outcomes[i].kind = Outcome::Kind::Returned;
    outcomes[i].value = static_cast<std::int64_t>(i);
  }
  const PlannedOutcomes split = split_outcomes(plan, outcomes);
  ASSERT_TRUE(split.no_new_privs);
  EXPECT_EQ(split.no_new_privs->value, 2);
  ASSERT_EQ(split.calls.size(), 3U);
  EXPECT_EQ(split.calls[0].value, 0);
  EXPECT_EQ(split.calls[1].value, 1);
  EXPECT_EQ(split.calls[2].value, 3);

  const CallPlan none = plan_calls(std::vector<std::string>{"read"}, SYSCALL_PROBE_NR, 1);
  const PlannedOutcomes kept = split_outcomes(none, std::vector<Outcome>(2));
  EXPECT_FALSE(kept.no_new_privs);
  EXPECT_EQ(kept.calls.size(), 2U);
}

}  // namespace
}  // namespace probe
