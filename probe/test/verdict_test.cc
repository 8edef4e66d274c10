// The decision table of docs/verdicts.md, row by row, then every combination
// the probe can observe.
#include "verdict.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <csignal>
#include <vector>

#include "fake_system.h"

namespace probe {
namespace {

using testing::errno_outcome;
using testing::returned_outcome;
using testing::signal_outcome;

const ExpectedAnswer kOwn{ExpectedAnswer::Kind::Value, 0x5ca11ab1 ^ 0x1234};
const ExpectedAnswer kEbadf{ExpectedAnswer::Kind::Errno, EBADF};
const ExpectedAnswer kSigill{ExpectedAnswer::Kind::Signal, SIGILL};

Evidence ev(bool filtered, std::optional<bool> has, std::optional<bool> precheck_passed = {}) {
  Evidence e;
  e.filtered = filtered;
  e.kernel_has_symbol = has;
  e.symbol = "__x64_sys_syscall_probe";
  e.name = "syscall_probe";
  e.precheck_passed = precheck_passed;
  e.precheck = "cap_sys_admin";
  return e;
}

Verdict v(const ExpectedAnswer& e, const Outcome& o, bool filtered, std::optional<bool> has) {
  return judge(e, o, ev(filtered, has)).verdict;
}

TEST(Verdict, NamesRoundTrip) {
  for (auto verdict : {Verdict::Implemented, Verdict::Absent, Verdict::Blocked,
                       Verdict::AbsentOrBlocked, Verdict::BlockedOrDenied, Verdict::Occupied,
                       Verdict::Killed, Verdict::Timeout, Verdict::Error}) {
    EXPECT_EQ(parse_verdict(verdict_name(verdict)), verdict);
  }
  EXPECT_EQ(verdict_name(Verdict::AbsentOrBlocked), "absent-or-blocked");
  EXPECT_EQ(verdict_name(Verdict::BlockedOrDenied), "blocked-or-denied");
  EXPECT_FALSE(parse_verdict("Implemented").has_value());
  EXPECT_FALSE(parse_verdict("").has_value());
}

TEST(Verdict, OwnSyscallVerifiedIsImplemented) {
  EXPECT_EQ(v(kOwn, returned_outcome(kOwn.value), false, std::nullopt), Verdict::Implemented);
  // Even under a filter that lets it through.
  EXPECT_EQ(v(kOwn, returned_outcome(kOwn.value), true, std::nullopt), Verdict::Implemented);
}

TEST(Verdict, NoFilterEnosysIsAbsent) {
  EXPECT_EQ(v(kOwn, errno_outcome(ENOSYS), false, std::nullopt), Verdict::Absent);
  EXPECT_FALSE(needs_symbol_evidence(kOwn, errno_outcome(ENOSYS), false));
}

TEST(Verdict, WrongValueForeignErrnoOrSigillIsOccupied) {
  EXPECT_EQ(v(kOwn, returned_outcome(0), false, std::nullopt), Verdict::Occupied);
  EXPECT_EQ(v(kOwn, errno_outcome(EBADF), false, std::nullopt), Verdict::Occupied);
  EXPECT_EQ(v(kOwn, errno_outcome(EINVAL), true, std::nullopt), Verdict::Occupied);
  EXPECT_EQ(v(kOwn, signal_outcome(SIGILL), false, std::nullopt), Verdict::Occupied);
  EXPECT_EQ(v(kOwn, signal_outcome(SIGILL), true, std::nullopt), Verdict::Occupied);
  EXPECT_FALSE(needs_symbol_evidence(kOwn, signal_outcome(SIGILL), true));
}

TEST(Verdict, EnosysUnderFilter) {
  const Outcome o = errno_outcome(ENOSYS);
  EXPECT_TRUE(needs_symbol_evidence(kOwn, o, true));
  // A filter answering ENOSYS for a call the kernel has. With no runtime
  // known, no profile is named.
  const Judgement unnamed = judge(kOwn, o, ev(true, true));
  EXPECT_EQ(unnamed.verdict, Verdict::Blocked);
  EXPECT_NE(unnamed.explanation.find("ENOSYS came from the seccomp filter"), std::string::npos);
  EXPECT_EQ(unnamed.explanation.find("Docker"), std::string::npos) << unnamed.explanation;
  // Docker's default profile above its highest known number: kernel has it.
  Evidence docker = ev(true, true);
  docker.runtime = "docker";
  const Judgement blocked = judge(kOwn, o, docker);
  EXPECT_EQ(blocked.verdict, Verdict::Blocked);
  EXPECT_NE(blocked.explanation.find("runc answers ENOSYS for any number above"),
            std::string::npos);
  const Judgement absent = judge(kOwn, o, ev(true, false));
  EXPECT_EQ(absent.verdict, Verdict::Absent);
  EXPECT_NE(absent.explanation.find("seccomp filter"), std::string::npos);
  const Judgement unsure = judge(kOwn, o, ev(true, std::nullopt));
  EXPECT_EQ(unsure.verdict, Verdict::AbsentOrBlocked);
  EXPECT_NE(unsure.explanation.find("--security-opt seccomp=unconfined"), std::string::npos);
}

TEST(Verdict, EpermUnderFilter) {
  const Outcome o = errno_outcome(EPERM);
  EXPECT_TRUE(needs_symbol_evidence(kOwn, o, true));
  EXPECT_EQ(v(kOwn, o, true, true), Verdict::Blocked);
  EXPECT_EQ(v(kOwn, o, true, std::nullopt), Verdict::Blocked);
  EXPECT_EQ(v(kOwn, o, true, false), Verdict::Absent);
  // Without a filter EPERM is the kernel's own answer: not ours.
  EXPECT_EQ(v(kOwn, o, false, std::nullopt), Verdict::Occupied);
}

TEST(Verdict, SigsysFromSeccomp) {
  const Outcome trap = signal_outcome(SIGSYS, true);
  const Outcome kill = signal_outcome(SIGSYS, false);
  EXPECT_TRUE(needs_symbol_evidence(kOwn, trap, false));
  EXPECT_TRUE(needs_symbol_evidence(kOwn, kill, true));
  EXPECT_EQ(v(kOwn, trap, true, true), Verdict::Blocked);
  EXPECT_EQ(v(kOwn, kill, true, true), Verdict::Blocked);
  EXPECT_EQ(v(kOwn, trap, true, false), Verdict::Absent);
  EXPECT_EQ(v(kOwn, kill, true, false), Verdict::Absent);
  const Judgement unsure = judge(kOwn, kill, ev(true, std::nullopt));
  EXPECT_EQ(unsure.verdict, Verdict::Killed);
  EXPECT_NE(unsure.explanation.find("SIGSYS"), std::string::npos);
  // SIGSYS with neither a filter nor SYS_SECCOMP: just a death by signal.
  EXPECT_EQ(v(kOwn, kill, false, std::nullopt), Verdict::Killed);
}

TEST(Verdict, OtherSignalIsKilledWithItsName) {
  const Judgement j = judge(kOwn, signal_outcome(SIGSEGV), ev(false, std::nullopt));
  EXPECT_EQ(j.verdict, Verdict::Killed);
  EXPECT_NE(j.explanation.find("SIGSEGV"), std::string::npos);
}

TEST(Verdict, TimeoutAndErrorCarryTheirFacts) {
  Outcome t;
  t.kind = Outcome::Kind::Timeout;
  t.timeout_ms = 250;
  const Judgement jt = judge(kOwn, t, ev(true, true));
  EXPECT_EQ(jt.verdict, Verdict::Timeout);
  EXPECT_NE(jt.explanation.find("250 ms"), std::string::npos);
  Outcome e;
  e.kind = Outcome::Kind::Error;
  e.error = "fork: Resource temporarily unavailable";
  const Judgement je = judge(kOwn, e, ev(false, std::nullopt));
  EXPECT_EQ(je.verdict, Verdict::Error);
  EXPECT_NE(je.explanation.find("fork: Resource temporarily unavailable"), std::string::npos);
  EXPECT_FALSE(needs_symbol_evidence(kOwn, t, true));
  EXPECT_FALSE(needs_symbol_evidence(kOwn, e, true));
}

TEST(Verdict, CatalogueEntries) {
  EXPECT_EQ(v(kEbadf, errno_outcome(EBADF), false, std::nullopt), Verdict::Implemented);
  EXPECT_EQ(v(kEbadf, errno_outcome(EBADF), true, std::nullopt), Verdict::Implemented);
  EXPECT_EQ(v(kSigill, signal_outcome(SIGILL), false, std::nullopt), Verdict::Implemented);
  EXPECT_EQ(v(kEbadf, errno_outcome(ENOSYS), false, std::nullopt), Verdict::Absent);
  EXPECT_EQ(v(kEbadf, errno_outcome(ENOSYS), true, true), Verdict::Blocked);
  EXPECT_EQ(v(kEbadf, errno_outcome(ENOSYS), true, std::nullopt), Verdict::AbsentOrBlocked);
  EXPECT_EQ(v(kEbadf, errno_outcome(EPERM), true, true), Verdict::Blocked);
  EXPECT_EQ(v(kSigill, signal_outcome(SIGSYS), true, true), Verdict::Blocked);
  // A different errno: the kernel has it (kallsyms) but checks differently,
  // or, without that evidence, another call lives at the number.
  EXPECT_TRUE(needs_symbol_evidence(kEbadf, errno_outcome(EINVAL), false));
  EXPECT_EQ(v(kEbadf, errno_outcome(EINVAL), false, true), Verdict::Implemented);
  EXPECT_EQ(v(kEbadf, errno_outcome(EINVAL), false, false), Verdict::Occupied);
  EXPECT_EQ(v(kEbadf, returned_outcome(3), false, std::nullopt), Verdict::Occupied);
  EXPECT_EQ(v(kEbadf, signal_outcome(SIGILL), false, std::nullopt), Verdict::Occupied);
}

// docs/verdicts.md's table, transcribed row by row as data (top to bottom,
// first match wins), independently of judge()'s code: the oracle for every
// combination below.
struct Case {
  ExpectedAnswer expect;
  Outcome outcome;
  bool filtered;
  std::optional<bool> has;
  std::optional<bool> precheck_passed;
};

bool is_errno(const Outcome& o, int err) {
  return o.kind == Outcome::Kind::Errno && o.err == err;
}
bool is_signal(const Outcome& o, int sig) {
  return o.kind == Outcome::Kind::Signal && o.signal == sig;
}
bool answers_as_expected(const Case& c) {
  const auto& e = c.expect;
  switch (e.kind) {
    case ExpectedAnswer::Kind::Value:
      return c.outcome.kind == Outcome::Kind::Returned && c.outcome.value == e.value;
    case ExpectedAnswer::Kind::Errno: return is_errno(c.outcome, static_cast<int>(e.value));
    case ExpectedAnswer::Kind::Signal: return is_signal(c.outcome, static_cast<int>(e.value));
    case ExpectedAnswer::Kind::Returns: return c.outcome.kind == Outcome::Kind::Returned;
    case ExpectedAnswer::Kind::NeverImplemented: return false;
  }
  return false;
}
bool own(const Case& c) {
  return c.expect.kind == ExpectedAnswer::Kind::Value;
}
bool sigsys_from_filter(const Case& c) {
  return is_signal(c.outcome, SIGSYS) && (c.filtered || c.outcome.seccomp_signal);
}

bool alt_under_filter_unsettled(const Case& c) {
  const int alt = c.expect.alt_errno;
  return (alt == EPERM || alt == ENOSYS) && is_errno(c.outcome, alt) && c.filtered &&
         c.precheck_passed != true;
}

struct DocRow {
  const char* row;  // the row of docs/verdicts.md, as written there
  bool (*matches)(const Case&);
  Verdict verdict;
};

const DocRow kDocTable[] = {
    {"fork/pipe failed | any | any",
     [](const Case& c) { return c.outcome.kind == Outcome::Kind::Error; }, Verdict::Error},
    {"no answer within the limit | any | any",
     [](const Case& c) { return c.outcome.kind == Outcome::Kind::Timeout; }, Verdict::Timeout},
    {"the expected answer | any | any", answers_as_expected, Verdict::Implemented},
    {"catalogue's alternative errno, EPERM or ENOSYS, under a filter, the caller failing (or not "
     "known to pass) the check behind it | yes | no",
     [](const Case& c) { return alt_under_filter_unsettled(c) && c.has == false; },
     Verdict::Absent},
    {"catalogue's alternative errno ENOSYS, the caller or host known to fail the check behind it "
     "(a feature switched off at boot: secretmem) | any | any",
     [](const Case& c) {
       return c.expect.alt_errno == ENOSYS && is_errno(c.outcome, ENOSYS) &&
              c.precheck_passed == false;
     },
     Verdict::Absent},
    {"catalogue's alternative errno, EPERM or ENOSYS, under a filter, the caller failing (or not "
     "known to pass) the check behind it (otherwise) | yes | yes or ?",
     alt_under_filter_unsettled, Verdict::BlockedOrDenied},
    {"catalogue's alternative errno (EPERM only with no filter; never ENOSYS) | any",
     [](const Case& c) {
       const int alt = c.expect.alt_errno;
       return alt != 0 && alt != ENOSYS && is_errno(c.outcome, alt) &&
              !(alt == EPERM && c.filtered);
     },
     Verdict::Implemented},
    {"ENOSYS | none | any",
     [](const Case& c) { return is_errno(c.outcome, ENOSYS) && !c.filtered; }, Verdict::Absent},
    {"ENOSYS | yes | yes",
     [](const Case& c) { return is_errno(c.outcome, ENOSYS) && c.has == true; }, Verdict::Blocked},
    {"ENOSYS | yes | no",
     [](const Case& c) { return is_errno(c.outcome, ENOSYS) && c.has == false; }, Verdict::Absent},
    {"ENOSYS | yes | ?", [](const Case& c) { return is_errno(c.outcome, ENOSYS); },
     Verdict::AbsentOrBlocked},
    {"EPERM | yes | no",
     [](const Case& c) { return is_errno(c.outcome, EPERM) && c.filtered && c.has == false; },
     Verdict::Absent},
    {"EPERM | yes | yes or ?",
     [](const Case& c) { return is_errno(c.outcome, EPERM) && c.filtered; }, Verdict::Blocked},
    {"SIGSYS | yes, or TRAP | yes",
     [](const Case& c) { return sigsys_from_filter(c) && c.has == true; }, Verdict::Blocked},
    {"SIGSYS | yes, or TRAP | no",
     [](const Case& c) { return sigsys_from_filter(c) && c.has == false; }, Verdict::Absent},
    {"SIGSYS | yes, or TRAP | ?", sigsys_from_filter, Verdict::Killed},
    {"SIGILL (not expected) | any | any",
     [](const Case& c) { return is_signal(c.outcome, SIGILL); }, Verdict::Occupied},
    {"any other signal | any | any",
     [](const Case& c) { return c.outcome.kind == Outcome::Kind::Signal; }, Verdict::Killed},
    {"another return value or errno, own syscall | any | any", own, Verdict::Occupied},
    {"another return value or errno, catalogue | any | yes",
     [](const Case& c) { return c.has == true; }, Verdict::Implemented},
    {"another return value or errno, catalogue | any | no or ?",
     [](const Case& /*c*/) { return true; }, Verdict::Occupied},
};

const std::optional<bool> kUnknownYesNo[] = {std::nullopt, true, false};

// Every outcome the probe can observe x filter x symbol evidence x whether the
// caller passes the kernel's own check x expectation: the
// verdict docs/verdicts.md gives, and one sentence (capitalised, ends with
// '.', no ". " inside). Every row of the table must be reached.
TEST(Verdict, EveryCombinationAgreesWithTheDocumentedTable) {
  const ExpectedAnswer fsopen{ExpectedAnswer::Kind::Errno, EINVAL, EPERM};
  const ExpectedAnswer landlock{ExpectedAnswer::Kind::Errno, EINVAL, EOPNOTSUPP};
  const ExpectedAnswer secretmem{ExpectedAnswer::Kind::Errno, EINVAL, ENOSYS};
  std::vector<Outcome> outcomes{
      returned_outcome(0),           returned_outcome(kOwn.value), errno_outcome(ENOSYS),
      errno_outcome(EPERM),          errno_outcome(EBADF),         errno_outcome(EINVAL),
      errno_outcome(EOPNOTSUPP),     signal_outcome(SIGILL),       signal_outcome(SIGSYS, true),
      signal_outcome(SIGSYS, false), signal_outcome(SIGSEGV)};
  Outcome t;
  t.kind = Outcome::Kind::Timeout;
  t.timeout_ms = 5;
  outcomes.push_back(t);
  Outcome e;
  e.kind = Outcome::Kind::Error;
  e.error = "fork: Cannot allocate memory";
  outcomes.push_back(e);
  std::vector<int> reached(std::size(kDocTable), 0);
  const ExpectedAnswer getpid{ExpectedAnswer::Kind::Returns, 0};
  const ExpectedAnswer afs_syscall{ExpectedAnswer::Kind::NeverImplemented, 0};
  for (const auto& expect :
       {kOwn, kEbadf, kSigill, fsopen, landlock, secretmem, getpid, afs_syscall}) {
    for (const auto& o : outcomes) {
      for (bool filtered : {false, true}) {
        for (std::optional<bool> has : kUnknownYesNo) {
          for (std::optional<bool> passed : kUnknownYesNo) {
            // docs/verdicts.md: a call the table never implements has "no".
            const bool never = expect.kind == ExpectedAnswer::Kind::NeverImplemented;
            const Case c{expect, o, filtered, never ? std::optional<bool>{false} : has, passed};
            std::size_t row = 0;
            while (!kDocTable[row].matches(c)) ++row;  // the last row matches anything
            ++reached[row];
            const Judgement j = judge(expect, o, ev(filtered, has, passed));
            SCOPED_TRACE(describe(o) + " filtered=" + std::to_string(filtered) +
                         " has=" + (has ? std::to_string(*has) : "?") +
                         " precheck=" + (passed ? std::to_string(*passed) : "?") + " expect=" +
                         std::to_string(expect.value) + "/alt " + std::to_string(expect.alt_errno));
            EXPECT_EQ(verdict_name(j.verdict), verdict_name(kDocTable[row].verdict))
                << "docs/verdicts.md row: " << kDocTable[row].row << "; " << j.explanation;
            ASSERT_FALSE(j.explanation.empty());
            EXPECT_TRUE(std::isupper(static_cast<unsigned char>(j.explanation.front())));
            EXPECT_EQ(j.explanation.back(), '.');
            EXPECT_EQ(j.explanation.find(". "), std::string::npos) << j.explanation;
          }
        }
      }
    }
  }
  for (std::size_t row = 0; row < std::size(kDocTable); ++row) {
    EXPECT_GT(reached[row], 0) << "no combination reaches the row: " << kDocTable[row].row;
  }
}

}  // namespace
}  // namespace probe

namespace probe {
namespace {

TEST(Verdict, CatalogueAlternativeAnswer) {
  ExpectedAnswer fsopen{ExpectedAnswer::Kind::Errno, EINVAL, EPERM};
  ExpectedAnswer landlock{ExpectedAnswer::Kind::Errno, EINVAL, EOPNOTSUPP};
  ExpectedAnswer secretmem{ExpectedAnswer::Kind::Errno, EINVAL, ENOSYS};
  const Outcome eperm = testing::errno_outcome(EPERM);
  EXPECT_EQ(judge(fsopen, eperm, ev(false, std::nullopt)).verdict, Verdict::Implemented);
  // Under a filter EPERM may be the filter's: symbols can still say absent.
  EXPECT_TRUE(needs_symbol_evidence(fsopen, eperm, true));
  EXPECT_EQ(judge(fsopen, eperm, ev(true, false, false)).verdict, Verdict::Absent);
  EXPECT_EQ(judge(landlock, testing::errno_outcome(EOPNOTSUPP), ev(true, std::nullopt)).verdict,
            Verdict::Implemented);
  EXPECT_FALSE(needs_symbol_evidence(landlock, testing::errno_outcome(EOPNOTSUPP), true));
  // ENOSYS never proves the kernel has it.
  EXPECT_EQ(judge(secretmem, testing::errno_outcome(ENOSYS), ev(false, std::nullopt)).verdict,
            Verdict::Absent);
}

// The bug seen under a profile that allows fsopen: a caller without
// cap_sys_admin gets the kernel's own EPERM, which is not the filter's.
TEST(Verdict, KernelPermissionCheckUnderAFilterIsNotBlocked) {
  const ExpectedAnswer fsopen{ExpectedAnswer::Kind::Errno, EINVAL, EPERM};
  const Outcome eperm = testing::errno_outcome(EPERM);
  for (std::optional<bool> has : {std::optional<bool>{true}, std::optional<bool>{}}) {
    // The caller lacks the capability: filter and kernel both say EPERM.
    const Judgement lacks = judge(fsopen, eperm, ev(true, has, false));
    EXPECT_EQ(lacks.verdict, Verdict::BlockedOrDenied);
    EXPECT_NE(lacks.explanation.find("cap_sys_admin"), std::string::npos) << lacks.explanation;
    EXPECT_NE(lacks.explanation.find("this caller lacks it"), std::string::npos);
    // Unknown (no CapEff line): the same verdict, saying it could not tell.
    const Judgement unknown = judge(fsopen, eperm, ev(true, has, std::nullopt));
    EXPECT_EQ(unknown.verdict, Verdict::BlockedOrDenied);
    EXPECT_NE(unknown.explanation.find("could not tell"), std::string::npos);
    // The caller has it: the kernel's check passes, so the EPERM is the filter's.
    const Judgement holds = judge(fsopen, eperm, ev(true, has, true));
    EXPECT_EQ(holds.verdict, Verdict::Blocked);
    EXPECT_NE(holds.explanation.find("this caller has cap_sys_admin"), std::string::npos)
        << holds.explanation;
  }
  // No filter: only the kernel can have said it.
  EXPECT_EQ(judge(fsopen, eperm, ev(false, true, false)).verdict, Verdict::Implemented);
  // The expected answer itself is never in doubt.
  EXPECT_EQ(judge(fsopen, testing::errno_outcome(EINVAL), ev(true, std::nullopt, false)).verdict,
            Verdict::Implemented);
  // Another errno than the alternative: the old rules.
  EXPECT_EQ(judge(fsopen, testing::errno_outcome(ENOSYS), ev(true, true, false)).verdict,
            Verdict::Blocked);
}

// secretmem disabled answers ENOSYS, as a filter may: the same ambiguity,
// settled when the probe knows secretmem is on.
TEST(Verdict, EnosysAlternativeUnderAFilter) {
  const ExpectedAnswer secretmem{ExpectedAnswer::Kind::Errno, EINVAL, ENOSYS};
  const Outcome enosys = testing::errno_outcome(ENOSYS);
  EXPECT_EQ(judge(secretmem, enosys, ev(true, true, std::nullopt)).verdict,
            Verdict::BlockedOrDenied);
  EXPECT_EQ(judge(secretmem, enosys, ev(true, true, true)).verdict, Verdict::Blocked);
  EXPECT_EQ(judge(secretmem, enosys, ev(true, false, false)).verdict, Verdict::Absent);
  // Known off (stock arm64 6.1: secretmem.enable defaults off before 6.5, the
  // symbol is there): the kernel answers ENOSYS itself, so the call reads
  // absent under the filter as unconfined, configured out.
  for (const bool filtered : {true, false}) {
    for (const std::optional<bool> has : kUnknownYesNo) {
      const Judgement j = judge(secretmem, enosys, ev(filtered, has, false));
      EXPECT_EQ(j.verdict, Verdict::Absent) << j.explanation;
      EXPECT_NE(j.explanation.find("configured out"), std::string::npos) << j.explanation;
    }
  }
}

// Under gVisor the Sentry answers from its own table: its ENOSYS is its own,
// not the host's secretmem switch, whatever the precheck read.
TEST(Verdict, SentryEnosysIsNotTheHostsSwitch) {
  const ExpectedAnswer secretmem{ExpectedAnswer::Kind::Errno, EINVAL, ENOSYS};
  Evidence e = ev(false, std::nullopt, false);
  e.runtime = "gvisor";
  const Judgement j = judge(secretmem, testing::errno_outcome(ENOSYS), e);
  EXPECT_EQ(j.verdict, Verdict::Absent);
  EXPECT_NE(j.explanation.find("gVisor's Sentry answered ENOSYS"), std::string::npos)
      << j.explanation;
  EXPECT_EQ(j.explanation.find("configured out"), std::string::npos) << j.explanation;
}

// Every verdict with a precheck in play is still one sentence.
TEST(Verdict, PrecheckVerdictsAreOneSentence) {
  const ExpectedAnswer fsopen{ExpectedAnswer::Kind::Errno, EINVAL, EPERM};
  for (int err : {EPERM, ENOSYS, EINVAL, EBADF}) {
    for (bool filtered : {false, true}) {
      for (std::optional<bool> has :
           {std::optional<bool>{}, std::optional<bool>{true}, std::optional<bool>{false}}) {
        for (std::optional<bool> passed :
             {std::optional<bool>{}, std::optional<bool>{true}, std::optional<bool>{false}}) {
          const Judgement j = judge(fsopen, testing::errno_outcome(err), ev(filtered, has, passed));
          EXPECT_EQ(j.explanation.back(), '.');
          EXPECT_EQ(j.explanation.find(". "), std::string::npos) << j.explanation;
          if (!filtered) {
            EXPECT_NE(j.verdict, Verdict::BlockedOrDenied) << j.explanation;
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace probe
