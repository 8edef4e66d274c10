// gVisor's Sentry judged from its own answers (sentry.h): which second
// request a row gets, and the verdict both answers give; then the whole
// census path through the scripted FakeSystem.
#include "sentry.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <csignal>
#include <optional>
#include <string>

#include "fake_system.h"
#include "fixtures.h"
#include "linux/syscall_probe.h"
#include "options.h"
#include "report.h"

namespace probe {
namespace {

using testing::errno_outcome;
using testing::FakeSystem;
using testing::fixture;
using testing::gvisor_files;
using testing::returned_outcome;
using testing::signal_outcome;
using R = SecondLookPlan::Request;

const ExpectedAnswer kEfault{ExpectedAnswer::Kind::Errno, EFAULT};
const ExpectedAnswer kReturns{ExpectedAnswer::Kind::Returns, 0};

// What judge() gives the Sentry's unexpected answer: the kernel's view.
Judgement kernel_view() {
  return {Verdict::Implemented, "gVisor's Sentry (not the host kernel) answered it.",
          Answerer::Sentry, Proof::Runtime};
}

Judgement sentry(const ExpectedAnswer& e, const Outcome& first, std::optional<SecondLook> second,
                 long nr = 163) {
  return judge_under_sentry(kernel_view(), e, first, second, "acct", nr);
}

SecondLook look(R request, bool in_user_namespace, const Outcome& o) {
  return SecondLook{SecondLookPlan{request, in_user_namespace}, o};
}

void expect_one_sentence(const Judgement& j) {
  ASSERT_FALSE(j.explanation.empty());
  EXPECT_EQ(j.explanation.back(), '.') << j.explanation;
  EXPECT_EQ(j.explanation.find(". "), std::string::npos) << j.explanation;
}

TEST(Sentry, EpermIsAskedAgainInAUserNamespace) {
  auto plan = second_look_plan(kEfault, errno_outcome(EPERM), false);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->request, R::SameInUserNamespace);
  EXPECT_TRUE(plan->in_user_namespace);
  plan = second_look_plan(kEfault, errno_outcome(EACCES), true);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->request, R::Second);
  EXPECT_TRUE(plan->in_user_namespace);
}

TEST(Sentry, EnosysIsAskedAgainOnlyWithASecondRequest) {
  EXPECT_FALSE(second_look_plan(kEfault, errno_outcome(ENOSYS), false));
  auto plan = second_look_plan(kEfault, errno_outcome(ENOSYS), true);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->request, R::Second);
  EXPECT_FALSE(plan->in_user_namespace);
}

TEST(Sentry, SettledAnswersAreNotAskedAgain) {
  EXPECT_FALSE(second_look_plan(kEfault, errno_outcome(EFAULT), true));   // expected
  EXPECT_FALSE(second_look_plan(kEfault, errno_outcome(EINVAL), false));  // nothing to ask
  EXPECT_FALSE(second_look_plan(kEfault, returned_outcome(0), true));     // not an errno
  EXPECT_FALSE(second_look_plan(kReturns, errno_outcome(EPERM), true));   // settled alone
}

TEST(Sentry, EnosysInItsOwnUserNamespaceIsACapabilityStub) {
  const Judgement j = sentry(kEfault, errno_outcome(EPERM),
                             look(R::SameInUserNamespace, true, errno_outcome(ENOSYS)));
  EXPECT_EQ(j.verdict, Verdict::Absent);
  EXPECT_EQ(j.by, Answerer::Sentry);
  EXPECT_EQ(j.proof, Proof::UserNamespace);
  EXPECT_NE(j.explanation.find("a stub refusing the unprivileged"), std::string::npos)
      << j.explanation;
  expect_one_sentence(j);
}

// A real capability check (mount, sethostname) refuses in the user
// namespace too: the Sentry has the call.
TEST(Sentry, EpermAgainInAUserNamespaceKeepsTheCall) {
  const Judgement j = sentry(kEfault, errno_outcome(EPERM),
                             look(R::SameInUserNamespace, true, errno_outcome(EPERM)));
  EXPECT_EQ(j.verdict, Verdict::Implemented);
  EXPECT_EQ(j.proof, Proof::UserNamespace);
}

TEST(Sentry, OneErrnoToTwoDifferentRequestsIsAStub) {
  const Judgement j =
      sentry(kEfault, errno_outcome(EACCES), look(R::Second, true, errno_outcome(EACCES)));
  EXPECT_EQ(j.verdict, Verdict::Absent);
  EXPECT_EQ(j.proof, Proof::SecondRequest);
  expect_one_sentence(j);
}

// The Sentry checks the arguments in another order (access: EFAULT where a
// kernel gives EINVAL): another answer to the second request keeps it.
TEST(Sentry, AnotherAnswerToTheSecondRequestKeepsTheCall) {
  const Judgement j =
      sentry(kEfault, errno_outcome(EINVAL), look(R::Second, false, returned_outcome(0)));
  EXPECT_EQ(j.verdict, Verdict::Implemented);
  EXPECT_EQ(j.proof, Proof::SecondRequest);
}

TEST(Sentry, EnosysThenAnotherAnswerIsPartial) {
  const Judgement j =
      sentry(kEfault, errno_outcome(ENOSYS), look(R::Second, false, returned_outcome(4096)));
  EXPECT_EQ(j.verdict, Verdict::Partial);
  EXPECT_EQ(j.by, Answerer::Sentry);
  EXPECT_NE(j.explanation.find("returned 4096"), std::string::npos) << j.explanation;
  expect_one_sentence(j);
}

TEST(Sentry, EnosysToBothRequestsIsAbsent) {
  const Judgement j =
      sentry(kEfault, errno_outcome(ENOSYS), look(R::Second, false, errno_outcome(ENOSYS)));
  EXPECT_EQ(j.verdict, Verdict::Absent);
  EXPECT_EQ(j.proof, Proof::SecondRequest);
  expect_one_sentence(j);
}

TEST(Sentry, AnErrnoForWhatEveryKernelGrantsIsAbsent) {
  const Judgement j = sentry(kReturns, errno_outcome(EINVAL), std::nullopt);
  EXPECT_EQ(j.verdict, Verdict::Absent);
  EXPECT_EQ(j.proof, Proof::RefusedGrant);
  expect_one_sentence(j);
  EXPECT_EQ(sentry(kReturns, returned_outcome(0), std::nullopt).verdict, Verdict::Implemented);
}

// A second request the probe could not make (unshare refused, a timeout)
// leaves the kernel's view as it was.
TEST(Sentry, ALostSecondLookChangesNothing) {
  Outcome lost;
  lost.error = "the call was not made: unshare(CLONE_NEWUSER) failed with EPERM";
  const Judgement j =
      sentry(kEfault, errno_outcome(EPERM), look(R::SameInUserNamespace, true, lost));
  EXPECT_EQ(j.verdict, Verdict::Implemented);
  EXPECT_EQ(j.proof, Proof::Runtime);
}

#if defined(__x86_64__)
// uretprobe and uprobe pass every seccomp filter, gVisor's systrap one too:
// their own answers are the host kernel's.
TEST(Sentry, SeccompPassthroughReachesTheHostKernel) {
  const ExpectedAnswer sigill{ExpectedAnswer::Kind::Signal, SIGILL};
  const Judgement j = judge_under_sentry(kernel_view(), sigill, signal_outcome(SIGILL),
                                         std::nullopt, "uretprobe", 335);
  EXPECT_EQ(j.verdict, Verdict::Implemented);
  EXPECT_EQ(j.by, Answerer::Kernel);
  EXPECT_EQ(j.explanation.rfind("The host kernel answered SIGILL", 0), 0U) << j.explanation;
  expect_one_sentence(j);
}
#endif

// The census path: under gVisor (its captured files) the rows the first
// answer leaves open are asked again, and judged from both answers.
TEST(Sentry, TheCensusAsksAgainAndJudgesBoth) {
  FakeSystem sys;
  gvisor_files(sys);
#if defined(__x86_64__)
  constexpr long kAcct = 163, kSyslog = 103, kAddKey = 248;
#else
  constexpr long kAcct = 89, kSyslog = 116, kAddKey = 217;
#endif
  sys.outcomes[kAcct] = errno_outcome(EPERM);
  sys.again[kAcct] = errno_outcome(ENOSYS);
  sys.outcomes[kSyslog] = errno_outcome(ENOSYS);
  sys.again[kSyslog] = returned_outcome(4096);
  sys.outcomes[kAddKey] = errno_outcome(EACCES);
  Options o;
  o.nr = SYSCALL_PROBE_NR;
  o.syscalls = {"acct", "syslog", "add_key"};
  const Report r = gather_report(sys, o, "t");
  ASSERT_EQ(r.catalogue.size(), 3U);
  for (const Attempt& a : r.catalogue) {
    ASSERT_TRUE(a.second_look) << a.name;
    EXPECT_EQ(a.answered_by, Answerer::Sentry) << a.name;
  }
  EXPECT_EQ(r.catalogue[0].verdict, Verdict::Absent) << r.catalogue[0].explanation;
  EXPECT_EQ(r.catalogue[0].proof, Proof::UserNamespace);
  EXPECT_TRUE(r.catalogue[0].second_look->plan.in_user_namespace);
  EXPECT_EQ(r.catalogue[1].verdict, Verdict::Partial) << r.catalogue[1].explanation;
  EXPECT_EQ(r.catalogue[2].verdict, Verdict::Absent) << r.catalogue[2].explanation;
  EXPECT_EQ(r.catalogue[2].proof, Proof::SecondRequest);
  // The second requests went to children of their own, the user namespace
  // ones last, and no scratch sentinel reached the door.
  std::size_t seconds = 0;
  bool in_namespace = false;
  for (const auto& req : sys.requests) {
    if (!req.own_memory || req.nr == SYSCALL_PROBE_NR) continue;
    ++seconds;
    EXPECT_FALSE(in_namespace && !req.own_user_namespace) << "nr " << req.nr;
    in_namespace = in_namespace || req.own_user_namespace;
    for (auto arg : req.args) EXPECT_NE(arg, kScratch) << "nr " << req.nr;
  }
  EXPECT_EQ(seconds, 3U);
}

// Outside gVisor nothing is asked twice.
TEST(Sentry, NoSecondLookOutsideGvisor) {
  FakeSystem sys;
  sys.files["/proc/self/status"] = fixture("status-docker.txt");
  sys.files["/.dockerenv"] = "";
#if defined(__x86_64__)
  sys.outcomes[163] = errno_outcome(EPERM);
#else
  sys.outcomes[89] = errno_outcome(EPERM);
#endif
  Options o;
  o.syscalls = {"acct"};
  const Report r = gather_report(sys, o, "t");
  ASSERT_EQ(r.catalogue.size(), 1U);
  EXPECT_FALSE(r.catalogue[0].second_look);
}

}  // namespace
}  // namespace probe
