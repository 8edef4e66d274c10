// The decision table of docs/verdicts.md, row by row, then every combination
// the probe can observe.
#include "verdict.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <csignal>
#include <fstream>
#include <map>
#include <set>
#include <string>
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
  const Judgement unnamed = judged(kOwn, o, ev(true, true));
  EXPECT_EQ(unnamed.verdict, Verdict::Blocked);
  EXPECT_NE(unnamed.explanation.find("ENOSYS came from the seccomp filter"), std::string::npos);
  EXPECT_EQ(unnamed.explanation.find("Docker"), std::string::npos) << unnamed.explanation;
  // Docker's default profile above its highest known number: kernel has it.
  Evidence docker = ev(true, true);
  docker.runtime = "docker";
  const Judgement blocked = judged(kOwn, o, docker);
  EXPECT_EQ(blocked.verdict, Verdict::Blocked);
  EXPECT_NE(blocked.explanation.find("runc answers ENOSYS for any number above"),
            std::string::npos);
  const Judgement absent = judged(kOwn, o, ev(true, false));
  EXPECT_EQ(absent.verdict, Verdict::Absent);
  EXPECT_NE(absent.explanation.find("seccomp filter"), std::string::npos);
  const Judgement unsure = judged(kOwn, o, ev(true, std::nullopt));
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
  const Judgement unsure = judged(kOwn, kill, ev(true, std::nullopt));
  EXPECT_EQ(unsure.verdict, Verdict::Killed);
  EXPECT_NE(unsure.explanation.find("SIGSYS"), std::string::npos);
  // SIGSYS with neither a filter nor SYS_SECCOMP: just a death by signal.
  EXPECT_EQ(v(kOwn, kill, false, std::nullopt), Verdict::Killed);
}

TEST(Verdict, OtherSignalIsKilledWithItsName) {
  const Judgement j = judged(kOwn, signal_outcome(SIGSEGV), ev(false, std::nullopt));
  EXPECT_EQ(j.verdict, Verdict::Killed);
  EXPECT_NE(j.explanation.find("SIGSEGV"), std::string::npos);
}

TEST(Verdict, TimeoutAndErrorCarryTheirFacts) {
  Outcome t;
  t.kind = Outcome::Kind::Timeout;
  t.timeout_ms = 250;
  const Judgement jt = judged(kOwn, t, ev(true, true));
  EXPECT_EQ(jt.verdict, Verdict::Timeout);
  EXPECT_NE(jt.explanation.find("250 ms"), std::string::npos);
  Outcome e;
  e.kind = Outcome::Kind::Error;
  e.error = "fork: Resource temporarily unavailable";
  const Judgement je = judged(kOwn, e, ev(false, std::nullopt));
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
  // A different answer than ENOSYS at a catalogue row's number came from the
  // call's own code: implemented, never "occupied", with or without symbols.
  EXPECT_TRUE(needs_symbol_evidence(kEbadf, errno_outcome(EINVAL), false));
  EXPECT_EQ(v(kEbadf, errno_outcome(EINVAL), false, true), Verdict::Implemented);
  EXPECT_EQ(v(kEbadf, errno_outcome(EINVAL), false, false), Verdict::Implemented);
  EXPECT_EQ(v(kEbadf, returned_outcome(3), false, std::nullopt), Verdict::Implemented);
  EXPECT_EQ(v(kEbadf, signal_outcome(SIGILL), false, std::nullopt), Verdict::Killed);
}

// docs/verdicts.md's table is the oracle: read from the file, top to bottom,
// first match wins. The test only knows what the words of the first three
// columns mean (the predicates below); the verdict and the answerer are the
// doc's. A row whose words the test does not know fails, and so does a
// predicate no row uses.
enum class FilterState : std::uint8_t { None, LetThrough, Silent, NotAsked };

struct Case {
  ExpectedAnswer expect;
  Outcome outcome;
  FilterState filter;
  std::optional<bool> has;
  std::optional<bool> precheck_passed;
  bool listener = false;
};

bool is_errno(const Outcome& o, int err) {
  return o.kind == Outcome::Kind::Errno && o.err == err;
}
bool is_signal(const Outcome& o, int sig) {
  return o.kind == Outcome::Kind::Signal && o.signal == sig;
}
bool answered(const Case& c) {
  return c.outcome.kind == Outcome::Kind::Errno || c.outcome.kind == Outcome::Kind::Returned;
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
// "none": no filter, or one that let an answered call through.
bool no_filter(const Case& c) {
  return c.filter == FilterState::None || (c.filter == FilterState::LetThrough && answered(c));
}
bool filter_yes(const Case& c) {
  return !no_filter(c);
}
bool is_alt(const Case& c) {
  return c.expect.alt_errno != 0 && is_errno(c.outcome, c.expect.alt_errno);
}

using Predicate = bool (*)(const Case&);

const std::map<std::string, Predicate> kOutcomeWords{
    {"fork/pipe failed", [](const Case& c) { return c.outcome.kind == Outcome::Kind::Error; }},
    {"no answer within the limit",
     [](const Case& c) { return c.outcome.kind == Outcome::Kind::Timeout; }},
    {"our own call's value, a listener in the chain",
     [](const Case& c) { return own(c) && answers_as_expected(c) && c.listener; }},
    {"our own call's value", [](const Case& c) { return own(c) && answers_as_expected(c); }},
    {"the expected answer", answers_as_expected},
    {"another return value or errno",
     [](const Case& c) { return answered(c) && !answers_as_expected(c); }},
    {"catalogue's alternative errno ENOSYS, the caller or host known to fail the check behind it "
     "(a feature switched off at boot: secretmem)",
     [](const Case& c) {
       return c.expect.alt_errno == ENOSYS && is_errno(c.outcome, ENOSYS) &&
              c.precheck_passed == false;
     }},
    {"catalogue's alternative errno, EPERM or ENOSYS, the caller failing (or not known to pass) "
     "the check behind it",
     [](const Case& c) {
       const int alt = c.expect.alt_errno;
       return (alt == EPERM || alt == ENOSYS) && is_alt(c) && c.precheck_passed != true;
     }},
    {"catalogue's alternative errno (not ENOSYS; not EPERM under a filter)",
     [](const Case& c) {
       const int alt = c.expect.alt_errno;
       return alt != ENOSYS && is_alt(c) && !(alt == EPERM && filter_yes(c));
     }},
    {"ENOSYS", [](const Case& c) { return is_errno(c.outcome, ENOSYS); }},
    {"EPERM", [](const Case& c) { return is_errno(c.outcome, EPERM); }},
    {"SIGSYS (KILL, or TRAP seen by the handler)",
     [](const Case& c) { return is_signal(c.outcome, SIGSYS); }},
    {"SIGILL (not expected), own syscall",
     [](const Case& c) { return own(c) && is_signal(c.outcome, SIGILL); }},
    {"any other signal", [](const Case& c) { return c.outcome.kind == Outcome::Kind::Signal; }},
    {"another return value or errno, own syscall", own},
    {"another return value or errno, catalogue", [](const Case& c) { return !own(c); }},
};

const std::map<std::string, Predicate> kFilterWords{
    {"any", [](const Case& /*c*/) { return true; }},
    {"none", no_filter},
    {"silent", [](const Case& c) { return c.filter == FilterState::Silent && answered(c); }},
    {"yes", filter_yes},
    {"yes, or TRAP", [](const Case& c) { return filter_yes(c) || c.outcome.seccomp_signal; }},
};

const std::map<std::string, bool (*)(std::optional<bool>)> kHasWords{
    {"any", [](std::optional<bool> /*has*/) { return true; }},
    {"yes", [](std::optional<bool> has) { return has == true; }},
    {"no", [](std::optional<bool> has) { return has == false; }},
    {"?", [](std::optional<bool> has) { return !has.has_value(); }},
    {"yes or ?", [](std::optional<bool> has) { return has != false; }},
};

struct DocRow {
  std::string words;  // "outcome | filter | has", as written there
  Predicate outcome = nullptr;
  Predicate filter = nullptr;
  bool (*has)(std::optional<bool>) = nullptr;
  Verdict verdict = Verdict::Error;
  std::string answerer;
};

std::string trim_cell(std::string_view cell) {
  while (!cell.empty() && (cell.front() == ' ' || cell.front() == '`')) cell.remove_prefix(1);
  while (!cell.empty() && (cell.back() == ' ' || cell.back() == '`')) cell.remove_suffix(1);
  return std::string(cell);
}

// The rows of the table under "## The table" in docs/verdicts.md.
std::vector<DocRow> read_doc_table() {
  std::ifstream in(std::string(PROBE_DOCS_DIR) + "/verdicts.md");
  EXPECT_TRUE(in.good()) << "cannot read docs/verdicts.md";
  std::vector<DocRow> rows;
  bool in_section = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("## ", 0) == 0) in_section = line == "## The table";
    if (!in_section || line.rfind("| ", 0) != 0) continue;
    std::vector<std::string> cells;
    std::string_view rest(line);
    rest.remove_prefix(1);
    for (std::size_t bar; (bar = rest.find(" | ")) != std::string_view::npos;) {
      cells.push_back(trim_cell(rest.substr(0, bar)));
      rest.remove_prefix(bar + 2);
    }
    cells.push_back(trim_cell(rest.substr(0, rest.rfind('|'))));
    if (cells.size() < 5 || cells[0] == "outcome" || cells[0] == "---") continue;
    DocRow row;
    row.words = cells[0] + " | " + cells[1] + " | " + cells[2];
    const auto o = kOutcomeWords.find(cells[0]);
    const auto f = kFilterWords.find(cells[1]);
    const auto h = kHasWords.find(cells[2]);
    EXPECT_NE(o, kOutcomeWords.end()) << "docs/verdicts.md: outcome words unknown: " << cells[0];
    EXPECT_NE(f, kFilterWords.end()) << "docs/verdicts.md: filter words unknown: " << cells[1];
    EXPECT_NE(h, kHasWords.end()) << "docs/verdicts.md: has words unknown: " << cells[2];
    const auto v = parse_verdict(cells[3]);
    EXPECT_TRUE(v.has_value()) << "docs/verdicts.md: not a verdict: " << cells[3];
    if (o == kOutcomeWords.end() || f == kFilterWords.end() || h == kHasWords.end() || !v) {
      continue;
    }
    row.outcome = o->second;
    row.filter = f->second;
    row.has = h->second;
    row.verdict = *v;
    row.answerer = cells[4];
    rows.push_back(row);
  }
  return rows;
}

const std::optional<bool> kUnknownYesNo[] = {std::nullopt, true, false};

// Every outcome the probe can observe x filter (none, let through, silent,
// not asked) x symbol evidence x whether the caller passes the kernel's own
// check x a listener in the chain x expectation: the verdict and answerer
// docs/verdicts.md gives, and one sentence (capitalised, ends with '.', no
// ". " inside). Every row of the table must be reached.
TEST(Verdict, EveryCombinationAgreesWithTheDocumentedTable) {
  const std::vector<DocRow> table = read_doc_table();
  ASSERT_GE(table.size(), 20U) << "docs/verdicts.md's table is shorter than it was";
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
  std::vector<int> reached(table.size(), 0);
  std::set<Predicate> used;
  const ExpectedAnswer getpid{ExpectedAnswer::Kind::Returns, 0};
  const ExpectedAnswer afs_syscall{ExpectedAnswer::Kind::NeverImplemented, 0};
  for (const auto& expect :
       {kOwn, kEbadf, kSigill, fsopen, landlock, secretmem, getpid, afs_syscall}) {
    for (const auto& o : outcomes) {
      for (const FilterState filter : {FilterState::None, FilterState::LetThrough,
                                       FilterState::Silent, FilterState::NotAsked}) {
        for (std::optional<bool> has : kUnknownYesNo) {
          for (std::optional<bool> passed : kUnknownYesNo) {
            for (const bool listener : {false, true}) {
              // docs/verdicts.md: a call the table never implements has "no".
              const bool never = expect.kind == ExpectedAnswer::Kind::NeverImplemented;
              const Case c{expect, o,       filter, never ? std::optional<bool>{false} : has,
                           passed, listener};
              std::size_t row = 0;
              while (row < table.size() &&
                     !(table[row].outcome(c) && table[row].filter(c) && table[row].has(c.has))) {
                ++row;
              }
              ASSERT_LT(row, table.size()) << "no row of docs/verdicts.md matches " << describe(o);
              ++reached[row];
              Evidence evidence = ev(filter != FilterState::None, has, passed);
              if (filter == FilterState::LetThrough) evidence.filter_answered = false;
              if (filter == FilterState::Silent) evidence.filter_answered = true;
              evidence.listener_in_chain = listener;
              const Judgement j = judged(expect, o, evidence);
              SCOPED_TRACE(describe(o) + " filter=" + std::to_string(static_cast<int>(filter)) +
                           " has=" + (has ? std::to_string(*has) : "?") +
                           " precheck=" + (passed ? std::to_string(*passed) : "?") + " listener=" +
                           std::to_string(listener) + " expect=" + std::to_string(expect.value) +
                           "/alt " + std::to_string(expect.alt_errno));
              EXPECT_EQ(verdict_name(j.verdict), verdict_name(table[row].verdict))
                  << "docs/verdicts.md row: " << table[row].words << "; " << j.explanation;
              EXPECT_EQ(answerer_name(j.by), table[row].answerer)
                  << "docs/verdicts.md row: " << table[row].words << "; " << j.explanation;
              ASSERT_FALSE(j.explanation.empty());
              EXPECT_TRUE(std::isupper(static_cast<unsigned char>(j.explanation.front())));
              EXPECT_EQ(j.explanation.back(), '.');
              EXPECT_EQ(j.explanation.find(". "), std::string::npos) << j.explanation;
            }
          }
        }
      }
    }
  }
  for (std::size_t row = 0; row < table.size(); ++row) {
    EXPECT_GT(reached[row], 0) << "no combination reaches the row: " << table[row].words;
    used.insert(table[row].outcome);
    used.insert(table[row].filter);
  }
  for (const auto& [words, predicate] : kOutcomeWords) {
    EXPECT_TRUE(used.count(predicate) != 0) << "no row of docs/verdicts.md says: " << words;
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
    const Judgement lacks = judged(fsopen, eperm, ev(true, has, false));
    EXPECT_EQ(lacks.verdict, Verdict::BlockedOrDenied);
    EXPECT_NE(lacks.explanation.find("cap_sys_admin"), std::string::npos) << lacks.explanation;
    EXPECT_NE(lacks.explanation.find("this caller lacks it"), std::string::npos);
    // Unknown (no CapEff line): the same verdict, saying it could not tell.
    const Judgement unknown = judged(fsopen, eperm, ev(true, has, std::nullopt));
    EXPECT_EQ(unknown.verdict, Verdict::BlockedOrDenied);
    EXPECT_NE(unknown.explanation.find("could not tell"), std::string::npos);
    // The caller has it: the kernel's check passes, so the EPERM is the filter's.
    const Judgement holds = judged(fsopen, eperm, ev(true, has, true));
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
      const Judgement j = judged(secretmem, enosys, ev(filtered, has, false));
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
  const Judgement j = judged(secretmem, testing::errno_outcome(ENOSYS), e);
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
          const Judgement j =
              judged(fsopen, testing::errno_outcome(err), ev(filtered, has, passed));
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
