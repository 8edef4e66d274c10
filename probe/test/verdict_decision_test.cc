// judge() decides without words; explain() renders the sentence apart.
#include <gtest/gtest.h>

#include <cerrno>
#include <csignal>
#include <set>
#include <string>
#include <type_traits>

#include "fake_system.h"
#include "verdict.h"

namespace probe {
namespace {

using testing::errno_outcome;
using testing::returned_outcome;
using testing::signal_outcome;

// A decision is a small value: no text, nothing allocated.
static_assert(std::is_trivially_copyable_v<Decision>);

const ExpectedAnswer kBadFd{ExpectedAnswer::Kind::Errno, EBADF};
const ExpectedAnswer kOwn{ExpectedAnswer::Kind::Value, 42};

Evidence filtered(std::optional<bool> has) {
  Evidence ev;
  ev.filtered = true;
  ev.kernel_has_symbol = has;
  ev.symbol = "__x64_sys_cachestat";
  ev.name = "cachestat";
  return ev;
}

TEST(VerdictDecision, NamesTheRowThatDecided) {
  EXPECT_EQ(judge(kBadFd, errno_outcome(EBADF), filtered(std::nullopt)).reason,
            Reason::ExpectedErrno);
  EXPECT_EQ(judge(kBadFd, errno_outcome(ENOSYS), filtered(true)).reason, Reason::EnosysFilter);
  EXPECT_EQ(judge(kBadFd, errno_outcome(ENOSYS), filtered(false)).reason,
            Reason::EnosysFilterLacks);
  EXPECT_EQ(judge(kBadFd, errno_outcome(ENOSYS), filtered(std::nullopt)).reason,
            Reason::EnosysUnsure);
  EXPECT_EQ(judge(kBadFd, errno_outcome(EPERM), filtered(true)).reason, Reason::EpermFilter);
  EXPECT_EQ(judge(kBadFd, signal_outcome(SIGSYS, true), filtered(true)).reason,
            Reason::SigsysHasIt);
  EXPECT_EQ(judge(kOwn, returned_outcome(42), filtered(true)).reason, Reason::OwnValueKernel);
  EXPECT_EQ(judge(kOwn, returned_outcome(3), Evidence{}).reason, Reason::OccupiedOther);
  EXPECT_EQ(judge(kBadFd, returned_outcome(3), Evidence{}).reason, Reason::OtherOrder);
}

// Where the filters were asked and let the call through, the answer is
// judged as with no filter, and the decision says so.
TEST(VerdictDecision, LetThroughIsJudgedUnfiltered) {
  Evidence ev = filtered(true);
  ev.filter_answered = false;
  const Decision d = judge(kBadFd, errno_outcome(ENOSYS), ev);
  EXPECT_EQ(d.reason, Reason::EnosysKernel);
  EXPECT_FALSE(d.filtered);
  EXPECT_EQ(d.proof, Proof::OwnFilterNotified);
  EXPECT_NE(explain(d, kBadFd, errno_outcome(ENOSYS), ev).find("let the call through"),
            std::string::npos);

  ev.filter_answered = true;
  const Decision proven = judge(kBadFd, errno_outcome(ENOSYS), ev);
  EXPECT_EQ(proven.reason, Reason::FilterRefused);
  EXPECT_TRUE(proven.filtered);
}

// judged() is judge() and explain(), nothing else; each reason reached here
// has a sentence of its own.
TEST(VerdictDecision, JudgedIsTheDecisionAndItsSentence) {
  const Outcome outcomes[] = {errno_outcome(EBADF),         errno_outcome(ENOSYS),
                              errno_outcome(EPERM),         errno_outcome(EINVAL),
                              returned_outcome(42),         returned_outcome(0),
                              signal_outcome(SIGSYS, true), signal_outcome(SIGSYS),
                              signal_outcome(SIGILL),       signal_outcome(SIGSEGV)};
  std::set<std::string> sentences;
  std::set<Reason> reasons;
  for (const ExpectedAnswer& e : {kBadFd, kOwn}) {
    for (const Outcome& o : outcomes) {
      for (const std::optional<bool> has :
           {std::optional<bool>(true), std::optional<bool>(false), std::optional<bool>()}) {
        for (const bool filter : {false, true}) {
          Evidence ev = filtered(has);
          ev.filtered = filter;
          const Decision d = judge(e, o, ev);
          const Judgement j = judged(e, o, ev);
          EXPECT_EQ(j.verdict, d.verdict);
          EXPECT_EQ(j.by, d.by);
          EXPECT_EQ(j.proof, d.proof);
          EXPECT_EQ(j.explanation, explain(d, e, o, ev));
          EXPECT_FALSE(j.explanation.empty());
          if (reasons.insert(d.reason).second) sentences.insert(j.explanation);
        }
      }
    }
  }
  EXPECT_EQ(sentences.size(), reasons.size());
  EXPECT_GE(reasons.size(), 15U);
}

}  // namespace
}  // namespace probe
