// gVisor's Sentry judged from its own answers (sentry.h): which second
// request a row gets, and the verdict both answers give; then the whole
// census path through the scripted FakeSystem.
#include "sentry.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <csignal>
#include <optional>
#include <ostream>
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

// One judgement of the Sentry's answers: the first, the second look, what
// judge_under_sentry makes of them, and a phrase its sentence must hold.
struct SentryCase {
  const char* label;
  ExpectedAnswer expect;
  Outcome first;
  std::optional<SecondLook> second;
  Verdict verdict;
  Proof proof;
  const char* says = "";
};

// Names the case in test listings (not its bytes).
void PrintTo(const SentryCase& c, std::ostream* os) {
  *os << c.label;
}

Outcome lost_look() {
  Outcome lost;
  lost.error = "the call was not made: unshare(CLONE_NEWUSER) failed with EPERM";
  return lost;
}

class SentryJudges : public ::testing::TestWithParam<SentryCase> {};

TEST_P(SentryJudges, FromBothAnswers) {
  const SentryCase& c = GetParam();
  const Judgement j = sentry(c.expect, c.first, c.second);
  EXPECT_EQ(j.verdict, c.verdict);
  EXPECT_EQ(j.by, Answerer::Sentry);
  EXPECT_EQ(j.proof, c.proof);
  EXPECT_NE(j.explanation.find(c.says), std::string::npos) << j.explanation;
  expect_one_sentence(j);
}

INSTANTIATE_TEST_SUITE_P(
    Sentry, SentryJudges,
    ::testing::Values(
        // ENOSYS where it holds every capability: a stub refusing the
        // unprivileged.
        SentryCase{"EnosysInItsOwnUserNamespaceIsACapabilityStub", kEfault, errno_outcome(EPERM),
                   look(R::SameInUserNamespace, true, errno_outcome(ENOSYS)), Verdict::Absent,
                   Proof::UserNamespace, "a stub refusing the unprivileged"},
        // A real capability check (mount, sethostname) refuses in the user
        // namespace too: the Sentry has the call.
        SentryCase{"EpermAgainInAUserNamespaceKeepsTheCall", kEfault, errno_outcome(EPERM),
                   look(R::SameInUserNamespace, true, errno_outcome(EPERM)), Verdict::Implemented,
                   Proof::UserNamespace},
        SentryCase{"OneErrnoToTwoDifferentRequestsIsAStub", kEfault, errno_outcome(EACCES),
                   look(R::Second, true, errno_outcome(EACCES)), Verdict::Absent,
                   Proof::SecondRequest},
        // The Sentry checks the arguments in another order (access: EFAULT
        // where a kernel gives EINVAL): another answer to the second request
        // keeps it.
        SentryCase{"AnotherAnswerToTheSecondRequestKeepsTheCall", kEfault, errno_outcome(EINVAL),
                   look(R::Second, false, returned_outcome(0)), Verdict::Implemented,
                   Proof::SecondRequest},
        SentryCase{"EnosysThenAnotherAnswerIsPartial", kEfault, errno_outcome(ENOSYS),
                   look(R::Second, false, returned_outcome(4096)), Verdict::Partial,
                   Proof::SecondRequest, "returned 4096"},
        SentryCase{"EnosysToBothRequestsIsAbsent", kEfault, errno_outcome(ENOSYS),
                   look(R::Second, false, errno_outcome(ENOSYS)), Verdict::Absent,
                   Proof::SecondRequest},
        SentryCase{"AnErrnoForWhatEveryKernelGrantsIsAbsent", kReturns, errno_outcome(EINVAL),
                   std::nullopt, Verdict::Absent, Proof::RefusedGrant},
        SentryCase{"AReturnForWhatEveryKernelGrantsStands", kReturns, returned_outcome(0),
                   std::nullopt, Verdict::Implemented, Proof::Runtime},
        // A second request the probe could not make (unshare refused, a
        // timeout) leaves the kernel's view as it was.
        SentryCase{"ALostSecondLookChangesNothing", kEfault, errno_outcome(EPERM),
                   look(R::SameInUserNamespace, true, lost_look()), Verdict::Implemented,
                   Proof::Runtime}),
    [](const ::testing::TestParamInfo<SentryCase>& c) { return std::string(c.param.label); });

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
