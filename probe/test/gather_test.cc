// The steps of gather_report, each on its own (gather.h): the environment,
// the rows and their outcomes, the symbols, the judgement.
#include "gather.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <string>
#include <vector>

#include "catalogue.h"
#include "entry_symbol.h"
#include "fake_system.h"
#include "fixtures.h"
#include "linux/syscall_probe.h"

namespace probe {
namespace {

using testing::docker_files;
using testing::errno_outcome;
using testing::FakeSystem;
using testing::returned_outcome;

// A report with the rows of `names` planned, attempted and outcome-less.
struct Planned {
  Report r;
  CallPlan plan;
  std::vector<Attempt*> calls;
};

void plan_rows(Planned& p, const std::vector<std::string>& names) {
  p.r.syscall.name = SYSCALL_PROBE_NAME;
  p.r.syscall.entry = SYSCALL_PROBE_NAME;
  p.r.syscall.nr = SYSCALL_PROBE_NR;
  p.r.syscall.expectation = {ExpectedAnswer::Kind::Value, 7};
  p.plan = plan_calls(names, SYSCALL_PROBE_NR, 1);
  p.r.catalogue = catalogue_attempts(p.plan, p.r.uts.release);
  p.calls = in_call_order(p.r, p.plan);
}

TEST(GatherEnvironment, ReadsWhatTheReportSaysOfIt) {
  FakeSystem sys;
  docker_files(sys);
  Report r;
  read_environment(sys, r);
  EXPECT_EQ(r.uts.release, sys.uts.release);
  EXPECT_TRUE(r.container.detected);
  EXPECT_EQ(r.container.runtime, "docker");
  EXPECT_TRUE(seccomp_confined(r.status));
  EXPECT_EQ(r.namespaces.at("pid"), "pid:[4026532204]");
  EXPECT_EQ(r.namespaces.count("net"), 0U);  // no such link here
  EXPECT_TRUE(r.uid_identity);
  EXPECT_FALSE(r.emulation.emulated);
  EXPECT_TRUE(sys.requests.empty());  // no call made
  EXPECT_EQ(sys.lsm_calls, 0);        // read_lsm's is made apart
}

TEST(GatherEnvironment, NothingReadableLeavesItUnknown) {
  FakeSystem sys;
  Report r;
  read_environment(sys, r);
  EXPECT_FALSE(r.container.detected);
  EXPECT_FALSE(seccomp_confined(r.status));
  EXPECT_TRUE(r.namespaces.empty());
  EXPECT_TRUE(r.uid_map.empty());
}

TEST(GatherRows, EachRowFromItsCatalogueEntry) {
  Planned p;
  plan_rows(p, {"read", "landlock_restrict_self"});
  ASSERT_EQ(p.r.catalogue.size(), 2U);
  const Attempt& read = p.r.catalogue[0];
  EXPECT_EQ(read.row, find_syscall("read"));
  EXPECT_EQ(read.name, "read");
  EXPECT_EQ(read.nr, nr_here(*read.row));
  EXPECT_EQ(read.expected, "EBADF");
  EXPECT_EQ(read.expectation.kind, ExpectedAnswer::Kind::Errno);
  EXPECT_EQ(read.precheck, Precheck::None);
  const Attempt& landlock = p.r.catalogue[1];
  EXPECT_EQ(landlock.precheck, Precheck::NoNewPrivsOrCapSysAdmin);
  EXPECT_EQ(landlock.expectation.alt_errno, landlock.row->alt_errno);
  EXPECT_EQ(p.r.syscall.row, nullptr);
}

TEST(GatherRows, CallOrderIsThePlans) {
  Planned p;
  plan_rows(p, {"landlock_restrict_self", "read"});
  ASSERT_EQ(p.calls.size(), 3U);
  EXPECT_EQ(p.calls[0], &p.r.syscall);
  EXPECT_EQ(p.calls[1], &p.r.catalogue[1]);  // read first
  EXPECT_EQ(p.calls[2], &p.r.catalogue[0]);  // after the prctl
}

TEST(GatherFacts, ReadsOnlyWhatARowAsks) {
  FakeSystem sys;
  sys.files["/proc/sys/kernel/io_uring_disabled"] = "2\n";
  Planned without;
  plan_rows(without, {"read"});
  EXPECT_FALSE(caller_facts(sys, without.r).io_uring_disabled);
  Planned with;
  plan_rows(with, {"read", "io_uring_setup"});
  const CallerFacts f = caller_facts(sys, with.r);
  EXPECT_EQ(f.io_uring_disabled, 2);
  EXPECT_EQ(f.release, with.r.uts.release);
}

// Outcomes in the order of the calls; the landlock row ran after the prctl.
PlannedOutcomes outcomes_for(const Planned& p, const Outcome& prctl) {
  std::vector<Outcome> all;
  for (std::size_t i = 0; i < p.plan.requests.size(); ++i) {
    all.push_back(p.plan.no_new_privs_at == i ? prctl : errno_outcome(EINVAL));
  }
  return split_outcomes(p.plan, all);
}

TEST(GatherOutcomes, EachAttemptGetsItsOwnAndThePrctlCounts) {
  Planned p;
  plan_rows(p, {"landlock_restrict_self", "read"});
  CallerFacts facts;
  facts.no_new_privs = false;
  facts.cap_eff = 0;
  facts.initial_user_ns = true;
  attach_outcomes(p.calls, outcomes_for(p, returned_outcome(0)), facts);
  for (const Attempt* a : p.calls) EXPECT_EQ(a->outcome.err, EINVAL) << a->name;
  const Attempt& landlock = p.r.catalogue[0];
  EXPECT_TRUE(landlock.child_no_new_privs);
  EXPECT_EQ(landlock.precheck_passed, true);
  EXPECT_FALSE(p.r.catalogue[1].precheck_passed);  // read has no check

  Planned refused;
  plan_rows(refused, {"landlock_restrict_self", "read"});
  attach_outcomes(refused.calls, outcomes_for(refused, errno_outcome(EPERM)), facts);
  EXPECT_FALSE(refused.r.catalogue[0].child_no_new_privs);
  EXPECT_EQ(refused.r.catalogue[0].precheck_passed, false);
}

TEST(GatherSymbols, AskedOnlyWhereAVerdictNeedsThem) {
  FakeSystem sys;
  sys.kallsyms = "ffffffff81234000 T " SP_ENTRY "read\nffffffff815958f0 T " SP_ENTRY
                 "cachestat\nffffffff81392420 W " SP_ENTRY "map_shadow_stack\n";
  Planned p;
  plan_rows(p, {"read", "cachestat"});
  p.r.syscall.outcome = errno_outcome(ENOSYS);
  p.r.catalogue[0].outcome = errno_outcome(EBADF);
  p.r.catalogue[1].outcome = errno_outcome(ENOSYS);
  // No filter: ENOSYS and the expected errno both settle it alone.
  attach_symbols(sys, p.r, p.calls, KallsymsMode::Auto, BtfMode::Auto);
  EXPECT_EQ(sys.kallsyms_opens, 0);
  EXPECT_FALSE(p.r.kallsyms.consulted);

  docker_files(sys);
  read_environment(sys, p.r);
  attach_symbols(sys, p.r, p.calls, KallsymsMode::Auto, BtfMode::Auto);
  EXPECT_EQ(sys.kallsyms_opens, 1);
  EXPECT_EQ(p.r.catalogue[1].kernel_has_symbol, true);
  EXPECT_EQ(p.r.catalogue[1].evidence, EvidenceSource::Kallsyms);
  EXPECT_FALSE(p.r.catalogue[0].kernel_has_symbol);  // its EBADF needs none
  EXPECT_EQ(p.r.syscall.kernel_has_symbol, false);
}

TEST(GatherJudgement, FromWhatTheReportHolds) {
  FakeSystem sys;
  docker_files(sys);
  Planned p;
  plan_rows(p, {"read", "cachestat"});
  read_environment(sys, p.r);
  p.r.syscall.outcome = errno_outcome(ENOSYS);
  p.r.syscall.kernel_has_symbol = false;
  p.r.catalogue[0].outcome = errno_outcome(EBADF);
  p.r.catalogue[1].outcome = errno_outcome(ENOSYS);
  p.r.catalogue[1].kernel_has_symbol = true;
  p.r.catalogue[1].evidence = EvidenceSource::Kallsyms;
  judge_attempts(p.r, p.calls);
  const Attempt& read = p.r.catalogue[0];
  EXPECT_EQ(read.verdict, Verdict::Implemented);
  EXPECT_TRUE(read.expected_errno);
  EXPECT_TRUE(read.explanation.empty());  // built only when printed
  EXPECT_EQ(explanation_of(read), expected_errno_sentence(EBADF, "read"));
  const Attempt& cachestat = p.r.catalogue[1];
  EXPECT_EQ(cachestat.verdict, Verdict::Blocked);
  EXPECT_EQ(cachestat.answered_by, Answerer::Filter);
  EXPECT_NE(cachestat.explanation.find(SP_ENTRY "cachestat"), std::string::npos);
  EXPECT_EQ(p.r.syscall.verdict, Verdict::Absent);
  EXPECT_EQ(sys.requests.size(), 0U);  // judging makes no call
}

}  // namespace
}  // namespace probe
