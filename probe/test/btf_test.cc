// BTF as evidence: the header and the streaming scan on built blobs (unit),
// the BTF-then-kallsyms order through the fake System (unit), and the claim
// the shortcut rests on, checked on this machine's kernel (BtfKernel).
#include <gtest/gtest.h>

#include <string>
#include <variant>
#include <vector>

#include "btf.h"
#include "btf_blob.h"
#include "entry_symbol.h"
#include "evidence.h"
#include "fake_system.h"
#include "kallsyms.h"
#include "must_work.h"
#include "system.h"

namespace probe {
namespace {

using testing::BtfBlob;
using testing::FakeSystem;

// A little kernel: read and cachestat are functions; mseal's name is only a
// variable; every kind with a tail sits between them.
BtfBlob kernel_blob() {
  BtfBlob b;
  b.int_type("long")
      .proto(1)
      .func(SP_ENTRY "read")
      .structure("pt_regs", 21)
      .add(6, "e", 3, 8 * 3)        // ENUM
      .add(19, "e64", 2, 12 * 2)    // ENUM64
      .add(15, ".data", 4, 12 * 4)  // DATASEC
      .add(17, "tag", 0, 4)         // DECL_TAG
      .add(3, "", 0, 12)            // ARRAY
      .add(18, "ttag")              // TYPE_TAG
      .add(16, "double")            // FLOAT
      .var(SP_ENTRY "mseal")
      .func(SP_ENTRY "cachestat")
      .loose_string(SP_ENTRY "syscall_probe");
  return b;
}

BtfScan scan_blob(const std::string& blob, const std::vector<std::string>& wanted,
                  std::size_t chunk) {
  BtfScan scan(wanted);
  const auto layout = std::get<BtfLayout>(parse_btf_header(blob));
  const std::string_view all = blob;
  const auto strings = all.substr(layout.strings_begin, layout.strings_size);
  const auto types = all.substr(layout.types_begin, layout.types_size);
  for (std::size_t i = 0; i < strings.size(); i += chunk)
    scan.feed_strings(strings.substr(i, chunk));
  for (std::size_t i = 0; i < types.size(); i += chunk) {
    if (!scan.feed_types(types.substr(i, chunk))) break;
  }
  return scan;
}

TEST(BtfHeader, ReadsTheLayout) {
  const std::string blob = kernel_blob().bytes();
  const auto parsed = parse_btf_header(blob);
  ASSERT_TRUE(std::holds_alternative<BtfLayout>(parsed)) << std::get<std::string>(parsed);
  const auto& l = std::get<BtfLayout>(parsed);
  EXPECT_EQ(l.types_begin, 24U);
  EXPECT_EQ(l.strings_begin, l.types_begin + l.types_size);
  EXPECT_EQ(l.strings_begin + l.strings_size, blob.size());
}

TEST(BtfHeader, RefusesWhatItCannotRead) {
  const BtfBlob b = kernel_blob();
  auto why = [](const std::string& blob) {
    const auto parsed = parse_btf_header(blob);
    return std::holds_alternative<std::string>(parsed) ? std::get<std::string>(parsed) : "";
  };
  EXPECT_EQ(why(b.bytes().substr(0, 23)), "shorter than a BTF header");
  EXPECT_EQ(why(b.bytes(0x1234)), "not BTF (bad magic)");
  EXPECT_EQ(why(b.bytes(0x9feb)), "BTF of the other byte order");
  EXPECT_EQ(why(b.bytes(0xeb9f, 2)), "BTF version 2, not 1");
  EXPECT_EQ(why(b.bytes(0xeb9f, 1, 32)), "BTF header of 32 bytes, not 24");
}

TEST(BtfScan, FindsFunctionsWhateverTheChunking) {
  const std::string blob = kernel_blob().bytes();
  const std::vector<std::string> wanted{SP_ENTRY "read", SP_ENTRY "cachestat", SP_ENTRY "mseal",
                                        SP_ENTRY "syscall_probe", SP_ENTRY "nothing"};
  for (std::size_t chunk :
       {std::size_t{1}, std::size_t{5}, std::size_t{12}, std::size_t{13}, blob.size()}) {
    const BtfScan scan = scan_blob(blob, wanted, chunk);
    EXPECT_EQ(scan.finish(), std::nullopt) << chunk;
    EXPECT_EQ(scan.types_read(), 13U) << chunk;
    EXPECT_TRUE(scan.has_function(SP_ENTRY "read")) << chunk;
    EXPECT_TRUE(scan.has_function(SP_ENTRY "cachestat")) << chunk;
    // A variable or a bare string of that name is not a function.
    EXPECT_FALSE(scan.has_function(SP_ENTRY "mseal")) << chunk;
    EXPECT_FALSE(scan.has_function(SP_ENTRY "syscall_probe")) << chunk;
    EXPECT_FALSE(scan.has_function(SP_ENTRY "nothing")) << chunk;
  }
}

// The string pass looks only at strings holding a byte every wanted name
// has; with none shared it looks at every string. Either way, and wherever
// the pieces cut (a long string over many of them), the same names are found.
TEST(BtfScan, EveryStringIsSeenWhateverTheNamesShare) {
  BtfBlob b = kernel_blob();
  b.loose_string(std::string(300, 'y') + "sys_" + std::string(100, '6'))  // over many pieces
      .func("QZ")
      .loose_string(SP_ENTRY "cachestat" + std::string(70, 'y'))  // a wanted name's start
      .func(SP_ENTRY "late");
  const std::string blob = b.bytes();
  const std::vector<std::vector<std::string>> sets{
      {SP_ENTRY "cachestat", SP_ENTRY "late", SP_ENTRY "nothing"},  // shared bytes: '6', 'y'...
      {SP_ENTRY "cachestat", "QZ", SP_ENTRY "late"},                // nothing shared
      {SP_ENTRY "late", std::string(64, 'y'), ""},                  // too long, empty: never found
  };
  for (const auto& wanted : sets) {
    for (std::size_t chunk = 1; chunk <= blob.size(); chunk += chunk < 40 ? 1 : 37) {
      const BtfScan scan = scan_blob(blob, wanted, chunk);
      ASSERT_EQ(scan.finish(), std::nullopt) << chunk;
      for (const auto& name : wanted) {
        const bool func = name == SP_ENTRY "cachestat" || name == "QZ" || name == SP_ENTRY "late";
        EXPECT_EQ(scan.has_function(name), func) << name << ", pieces of " << chunk;
      }
    }
  }
}

TEST(BtfScan, OnlyWantedNamesAreKept) {
  const BtfScan scan = scan_blob(kernel_blob().bytes(), {SP_ENTRY "read"}, 64);
  EXPECT_TRUE(scan.has_function(SP_ENTRY "read"));
  EXPECT_FALSE(scan.has_function(SP_ENTRY "cachestat"));
}

TEST(BtfScan, UnknownKindStopsTheScan) {
  BtfBlob b = kernel_blob();
  b.add(25, "future").func(SP_ENTRY "late");
  const BtfScan scan = scan_blob(b.bytes(), {SP_ENTRY "late"}, 7);
  EXPECT_EQ(scan.finish(), "unknown BTF type kind 25 at record 14");
  EXPECT_FALSE(scan.has_function(SP_ENTRY "late"));
}

TEST(BtfScan, TruncatedSectionsAreErrors) {
  BtfScan mid_record({"x"});
  std::string ptr(12, '\0');
  ptr[7] = 2;                                     // info: kind PTR, no tail
  mid_record.feed_types(ptr + ptr.substr(0, 6));  // one record and half the next
  EXPECT_EQ(mid_record.finish(), "BTF type section ends mid-record");

  BtfScan mid_tail({"x"});
  std::string rec(12, '\0');
  rec[7] = 1;  // info: kind INT, which has a 4-byte tail
  mid_tail.feed_types(rec + "ab");
  EXPECT_EQ(mid_tail.finish(), "BTF type section ends mid-record");

  BtfScan mid_string({"x"});
  mid_string.feed_strings(std::string("\0abc", 4));
  EXPECT_EQ(mid_string.finish(), "BTF string section ends mid-string");
}

// --- The order of sources, through the fake System -------------------------

constexpr const char* kKallsyms =
    "ffffffff81000000 T _text\n"
    "ffffffff81100000 T " SP_ENTRY
    "read\n"
    "ffffffff81100100 T " SP_ENTRY
    "cachestat\n"
    "ffffffff81100200 W " SP_ENTRY "kexec_load\n";

FakeSystem with_btf(const BtfBlob& b) {
  FakeSystem sys;
  sys.files[kBtfPath] = b.bytes();
  sys.kallsyms = kKallsyms;
  return sys;
}

TEST(SymbolEvidence, BtfAloneProvesAbsence) {
  FakeSystem sys = with_btf(kernel_blob());
  const auto ev =
      gather_symbol_evidence(sys, {SP_ENTRY "syscall_probe"}, KallsymsMode::Auto, BtfMode::Auto);
  EXPECT_TRUE(ev.btf.readable);
  EXPECT_EQ(ev.btf.error, std::nullopt);
  EXPECT_EQ(sys.kallsyms_opens, 0);
  EXPECT_FALSE(ev.kallsyms.consulted);
  EXPECT_EQ(ev.kallsyms.error, "not read: BTF settled every verdict");
  ASSERT_EQ(ev.answers.count(SP_ENTRY "syscall_probe"), 1U);
  EXPECT_FALSE(ev.answers.at(SP_ENTRY "syscall_probe").present);
  EXPECT_EQ(ev.answers.at(SP_ENTRY "syscall_probe").source, EvidenceSource::Btf);
  // Header, strings, types: three reads of the file, never the whole at once.
  EXPECT_EQ(sys.file_streams[kBtfPath], 3);
}

// Under an emulator the host kernel is asked by its own names: its BTF's
// and kallsyms' sentinel, aliases and entry symbols carry the host's prefix.
TEST(SymbolEvidence, AnotherArchsTablesByTheirNames) {
  const std::string other = std::string(SP_ENTRY) == "__x64_sys_" ? "__arm64_sys_" : "__x64_sys_";
  BtfBlob b;
  b.int_type("long")
      .proto(1)
      .func(other + "read")
      .func("__do_sys_getpid")
      .func(other + "cachestat");
  FakeSystem sys;
  sys.files[kBtfPath] = b.bytes();
  sys.kallsyms = "ffffffff81100000 T " + other + "read\nffffffff81100100 T " + other +
                 "cachestat\nffffffff81100200 T " + other + "getpid\n";
  const auto ev =
      gather_symbol_evidence(sys, {other + "cachestat", other + "getpid", other + "mseal"},
                             KallsymsMode::Auto, BtfMode::Auto, {}, other);
  EXPECT_TRUE(ev.btf.readable) << ev.btf.error.value_or("");
  EXPECT_TRUE(ev.kallsyms.readable) << ev.kallsyms.error.value_or("");
  EXPECT_TRUE(ev.answers.at(other + "cachestat").present);
  EXPECT_TRUE(ev.answers.at(other + "getpid").present);  // BTF's __do_sys_ alias, then kallsyms
  EXPECT_FALSE(ev.answers.at(other + "mseal").present);
  EXPECT_EQ(ev.answers.at(other + "mseal").source, EvidenceSource::Btf);

  // Asked by this architecture's names, the same kernel's lists prove nothing.
  const auto own =
      gather_symbol_evidence(sys, {SP_ENTRY "cachestat"}, KallsymsMode::Auto, BtfMode::Auto);
  EXPECT_FALSE(own.btf.readable);
  EXPECT_FALSE(own.kallsyms.readable);
  EXPECT_TRUE(own.answers.empty());
}

TEST(SymbolEvidence, ABtfFunctionIsSettledByKallsyms) {
  BtfBlob b = kernel_blob();
  b.func(SP_ENTRY "kexec_load");  // the weak stub is a FUNC too
  FakeSystem sys = with_btf(b);
  const auto ev = gather_symbol_evidence(
      sys, {SP_ENTRY "cachestat", SP_ENTRY "kexec_load", SP_ENTRY "syscall_probe"},
      KallsymsMode::Auto, BtfMode::Auto);
  EXPECT_EQ(sys.kallsyms_opens, 1);
  EXPECT_TRUE(ev.kallsyms.readable);
  EXPECT_TRUE(ev.answers.at(SP_ENTRY "cachestat").present);
  EXPECT_EQ(ev.answers.at(SP_ENTRY "cachestat").source, EvidenceSource::Kallsyms);
  EXPECT_FALSE(ev.answers.at(SP_ENTRY "kexec_load").present);
  EXPECT_EQ(ev.answers.at(SP_ENTRY "kexec_load").source, EvidenceSource::Kallsyms);
  EXPECT_EQ(ev.answers.at(SP_ENTRY "syscall_probe").source, EvidenceSource::Btf);
}

// SYSCALL_DEFINE0: __x64_sys_getpid is an alias of __do_sys_getpid, and
// BTF lists only the latter (every Debian kernel checked: 18 such calls).
TEST(SymbolEvidence, AnArgumentlessSyscallIsListedUnderItsDoSysName) {
  BtfBlob b = kernel_blob();
  b.func("__do_sys_getpid");
  FakeSystem sys = with_btf(b);
  sys.kallsyms = std::string(kKallsyms) + "ffffffff81300000 T " SP_ENTRY "getpid\n";
  const auto ev =
      gather_symbol_evidence(sys, {SP_ENTRY "getpid"}, KallsymsMode::Auto, BtfMode::Auto);
  EXPECT_EQ(sys.kallsyms_opens, 1);
  EXPECT_TRUE(ev.answers.at(SP_ENTRY "getpid").present);
  EXPECT_EQ(ev.answers.at(SP_ENTRY "getpid").source, EvidenceSource::Kallsyms);
}

TEST(SymbolEvidence, TheAliasWithoutWrapperCountsAsPresent) {
  BtfBlob b = kernel_blob();
  b.func("sys_syscall_probe");  // a kernel without syscall wrappers
  FakeSystem sys = with_btf(b);
  sys.kallsyms = std::string(kKallsyms) + "ffffffff81200000 T sys_syscall_probe\n";
  const auto ev =
      gather_symbol_evidence(sys, {SP_ENTRY "syscall_probe"}, KallsymsMode::Auto, BtfMode::Auto);
  EXPECT_EQ(sys.kallsyms_opens, 1);
  EXPECT_TRUE(ev.answers.at(SP_ENTRY "syscall_probe").present);
}

TEST(SymbolEvidence, UntrustworthyBtfFallsBackToKallsyms) {
  struct Case {
    std::string name;
    std::optional<std::string> blob;  // nullopt: no file
    std::string error_part;
  };
  BtfBlob no_sentinel;
  no_sentinel.func(SP_ENTRY "cachestat");
  BtfBlob future = kernel_blob();
  future.add(25, "future");
  const std::string whole = kernel_blob().bytes();
  const std::vector<Case> cases{
      {"missing", std::nullopt, "no /sys/kernel/btf/vmlinux (kernel built without BTF)"},
      {"no sentinel", no_sentinel.bytes(), "has no function " SP_ENTRY "read"},
      {"unknown kind", future.bytes(), "unknown BTF type kind 25"},
      {"truncated", whole.substr(0, whole.size() - 3), "ends inside its string section"},
      {"not btf", std::string(64, 'x'), "not BTF (bad magic)"},
  };
  for (const auto& c : cases) {
    FakeSystem sys;
    sys.kallsyms = kKallsyms;
    if (c.blob) sys.files[kBtfPath] = *c.blob;
    const auto ev =
        gather_symbol_evidence(sys, {SP_ENTRY "syscall_probe"}, KallsymsMode::Auto, BtfMode::Auto);
    EXPECT_FALSE(ev.btf.readable) << c.name;
    ASSERT_TRUE(ev.btf.error.has_value()) << c.name;
    EXPECT_NE(ev.btf.error->find(c.error_part), std::string::npos)
        << c.name << ": " << *ev.btf.error;
    EXPECT_EQ(sys.kallsyms_opens, 1) << c.name;
    EXPECT_EQ(ev.answers.at(SP_ENTRY "syscall_probe").source, EvidenceSource::Kallsyms) << c.name;
  }
}

TEST(SymbolEvidence, Modes) {
  {
    FakeSystem sys = with_btf(kernel_blob());
    const auto ev =
        gather_symbol_evidence(sys, {SP_ENTRY "syscall_probe"}, KallsymsMode::Auto, BtfMode::Never);
    EXPECT_EQ(sys.file_streams[kBtfPath], 0);
    EXPECT_EQ(ev.btf.error, "not read: --btf never");
    EXPECT_EQ(ev.answers.at(SP_ENTRY "syscall_probe").source, EvidenceSource::Kallsyms);
  }
  {
    FakeSystem sys = with_btf(kernel_blob());
    const auto ev = gather_symbol_evidence(sys, {SP_ENTRY "cachestat", SP_ENTRY "syscall_probe"},
                                           KallsymsMode::Never, BtfMode::Auto);
    EXPECT_EQ(sys.kallsyms_opens, 0);
    EXPECT_EQ(ev.kallsyms.error, "not read: --kallsyms never");
    EXPECT_EQ(ev.answers.count(SP_ENTRY "cachestat"), 0U);  // BTF cannot say yes
    EXPECT_FALSE(ev.answers.at(SP_ENTRY "syscall_probe").present);
  }
  {
    FakeSystem sys = with_btf(kernel_blob());
    const auto ev = gather_symbol_evidence(sys, {}, KallsymsMode::Auto, BtfMode::Auto);
    EXPECT_EQ(sys.kallsyms_opens + sys.file_streams[kBtfPath], 0);
    EXPECT_EQ(ev.btf.error, "not read: no verdict needed it");
    EXPECT_EQ(ev.kallsyms.error, "not read: no verdict needed it");
  }
}

// BTF (/sys/kernel/btf/vmlinux) came in 5.4: a call that old is in every
// kernel that has it, so BTF's silence about it is a hole, not absence.
TEST(SymbolEvidence, OnlyCallsNewerThanBtfCanBeProvedAbsentByIt) {
  EXPECT_FALSE(btf_may_prove_absence(""));  // older than 5.0
  EXPECT_FALSE(btf_may_prove_absence("5.1"));
  EXPECT_FALSE(btf_may_prove_absence("5.4"));
  EXPECT_TRUE(btf_may_prove_absence("5.5"));
  EXPECT_TRUE(btf_may_prove_absence("6.13"));
  EXPECT_TRUE(btf_may_prove_absence("not a release"));  // no claim: trust BTF as before

  FakeSystem sys = with_btf(kernel_blob());  // lacks perf_event_open
  sys.kallsyms = std::string(kKallsyms) + "ffffffff81200000 T " SP_ENTRY "perf_event_open\n";
  const auto ev = gather_symbol_evidence(sys, {SP_ENTRY "perf_event_open"}, KallsymsMode::Auto,
                                         BtfMode::Auto, {SP_ENTRY "perf_event_open"});
  EXPECT_EQ(sys.kallsyms_opens, 1);
  EXPECT_TRUE(ev.answers.at(SP_ENTRY "perf_event_open").present);
  EXPECT_EQ(ev.answers.at(SP_ENTRY "perf_event_open").source, EvidenceSource::Kallsyms);
  // kallsyms was read first and settled it: BTF, not read, contradicts
  // nothing. --kallsyms always reads both and names the hole.
  EXPECT_EQ(sys.file_streams[kBtfPath], 0);
  EXPECT_EQ(ev.contradicted, std::vector<std::string>{});
  const auto both = gather_symbol_evidence(sys, {SP_ENTRY "perf_event_open"}, KallsymsMode::Always,
                                           BtfMode::Auto, {SP_ENTRY "perf_event_open"});
  EXPECT_TRUE(both.btf.readable);
  EXPECT_TRUE(both.answers.at(SP_ENTRY "perf_event_open").present);
  EXPECT_EQ(both.contradicted, std::vector<std::string>{SP_ENTRY "perf_event_open"});
}

TEST(SymbolEvidence, AlwaysReadsBothAndReportsContradictions) {
  FakeSystem sys = with_btf(kernel_blob());
  // kallsyms lists a syscall BTF lacks: the shortcut would have been wrong.
  sys.kallsyms = std::string(kKallsyms) + "ffffffff81200000 T " SP_ENTRY "syscall_probe\n";
  const auto ev = gather_symbol_evidence(sys, {SP_ENTRY "syscall_probe", SP_ENTRY "cachestat"},
                                         KallsymsMode::Always, BtfMode::Auto);
  EXPECT_TRUE(ev.btf.readable);
  EXPECT_TRUE(ev.kallsyms.readable);
  EXPECT_EQ(ev.contradicted, std::vector<std::string>{SP_ENTRY "syscall_probe"});
  // kallsyms has the last word.
  EXPECT_TRUE(ev.answers.at(SP_ENTRY "syscall_probe").present);
  EXPECT_EQ(ev.answers.at(SP_ENTRY "syscall_probe").source, EvidenceSource::Kallsyms);
}

// A call older than BTF (btf_blind) sends the run to kallsyms whatever BTF
// says, so kallsyms goes first and answers every symbol; BTF is not read.
TEST(SymbolEvidence, ABlindSymbolSendsKallsymsFirst) {
  BtfBlob blob = kernel_blob();
  blob.func(SP_ENTRY "kexec_load");  // the weak stub is a FUNC too
  FakeSystem sys = with_btf(blob);
  sys.kallsyms = std::string(kKallsyms) + "ffffffff81200000 T " SP_ENTRY "perf_event_open\n";
  const std::vector<std::string> asked{SP_ENTRY "perf_event_open", SP_ENTRY "syscall_probe",
                                       SP_ENTRY "kexec_load"};
  const auto ev = gather_symbol_evidence(sys, asked, KallsymsMode::Auto, BtfMode::Auto,
                                         {SP_ENTRY "perf_event_open"});
  EXPECT_EQ(sys.kallsyms_opens, 1);
  EXPECT_EQ(sys.file_streams[kBtfPath], 0);
  EXPECT_TRUE(ev.kallsyms.readable);
  EXPECT_FALSE(ev.btf.consulted);
  EXPECT_EQ(ev.btf.error, "not read: /proc/kallsyms settled every verdict");
  EXPECT_TRUE(ev.answers.at(SP_ENTRY "perf_event_open").present);
  EXPECT_FALSE(ev.answers.at(SP_ENTRY "syscall_probe").present);  // BTF would say so too
  EXPECT_FALSE(ev.answers.at(SP_ENTRY "kexec_load").present);     // the weak stub
  for (const auto& s : asked) EXPECT_EQ(ev.answers.at(s).source, EvidenceSource::Kallsyms) << s;
  EXPECT_TRUE(ev.contradicted.empty());  // only when both were read

  // kallsyms unreadable or censored: BTF answers what it can, absence of a
  // call newer than itself; the blind one and the stub stay unknown.
  for (const std::optional<std::string>& text :
       {std::optional<std::string>{}, std::optional<std::string>{"0 T _text\n"}}) {
    FakeSystem fallback = with_btf(blob);
    fallback.kallsyms = text;
    const auto fb = gather_symbol_evidence(fallback, asked, KallsymsMode::Auto, BtfMode::Auto,
                                           {SP_ENTRY "perf_event_open"});
    EXPECT_FALSE(fb.kallsyms.readable);
    EXPECT_TRUE(fb.btf.readable);
    EXPECT_EQ(fb.answers.count(SP_ENTRY "perf_event_open"), 0U);
    EXPECT_EQ(fb.answers.count(SP_ENTRY "kexec_load"), 0U);
    ASSERT_EQ(fb.answers.count(SP_ENTRY "syscall_probe"), 1U);
    EXPECT_FALSE(fb.answers.at(SP_ENTRY "syscall_probe").present);
    EXPECT_EQ(fb.answers.at(SP_ENTRY "syscall_probe").source, EvidenceSource::Btf);
  }
}

// The reader takes /proc/kallsyms in whatever pieces read(2) returns; the
// answers do not depend on where they are cut. A line longer than any
// kallsyms line is dropped whole; the last line needs no newline.
TEST(SymbolEvidence, KallsymsInPiecesOfAnySize) {
  const std::string giant =
      "ffffffff81300000 T " SP_ENTRY "getpid\t[" + std::string(SymbolScan::kMaxLine, 'x') + "]\n";
  const std::string text = std::string(kKallsyms) + giant +
                           "ffffffffc0a01000 t " SP_ENTRY
                           "perf_event_open\t[mod]\nffffffff81200000 T sys_syscall_probe";
  const std::vector<std::string> asked{SP_ENTRY "cachestat", SP_ENTRY "kexec_load",
                                       SP_ENTRY "perf_event_open", SP_ENTRY "syscall_probe",
                                       SP_ENTRY "getpid"};
  for (std::size_t size = 1; size <= text.size() + 1; size += size < 300 ? 1 : 97) {
    FakeSystem sys;
    sys.kallsyms = text;
    sys.chunk_size = size;
    const auto ev = gather_symbol_evidence(sys, asked, KallsymsMode::Auto, BtfMode::Never);
    ASSERT_TRUE(ev.kallsyms.readable) << size;
    std::vector<bool> present;
    for (const auto& s : asked) present.push_back(ev.answers.at(s).present);
    EXPECT_EQ(present, (std::vector<bool>{true, false, true, true, false})) << "pieces of " << size;
  }
}

// --- This machine's kernel ---------------------------------------------------

using testing::must_work;

// Every entry symbol kallsyms lists, strong (T/t) or weak (W).
void syscall_symbols(System& sys, std::vector<std::string>& strong,
                     std::vector<std::string>& weak) {
  const std::string_view prefix = syscall_symbol_prefix();
  std::string text;
  auto got = sys.stream_file(kKallsymsPath, 0, UINT64_MAX, [&text](std::string_view chunk) {
    text.append(chunk);
    return true;
  });
  ASSERT_TRUE(got.ok()) << got.error().message();
  std::string_view rest = text;
  while (!rest.empty()) {
    const auto nl = rest.find('\n');
    const std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    const auto sp = line.find(' ');
    if (sp == std::string_view::npos || sp + 3 > line.size()) continue;
    const char type = line[sp + 1];
    std::string_view name = line.substr(sp + 3);
    name = name.substr(0, name.find_first_of("\t "));
    // Compiler clones (.cold, .constprop.0) are parts, not entry points.
    if (!name.starts_with(prefix) || name.find('.') != std::string_view::npos) continue;
    if (type == 'T' || type == 't') strong.emplace_back(name);
    if (type == 'W') weak.emplace_back(name);
  }
}

// The claim the shortcut rests on: every syscall this kernel implements has
// its entry function in BTF, so BTF's silence means absence. With --kallsyms
// always the probe compares the two; here for every syscall, not a sample.
TEST(BtfKernel, EverySyscallTheKernelHasIsABtfFunction) {
  auto sys = make_linux_system();
  auto head = sys->stream_file(kBtfPath, 0, 1, [](std::string_view) { return true; });
  if (!head) {
    if (must_work()) FAIL() << head.error().message();
    GTEST_SKIP() << head.error().message();
  }
  std::vector<std::string> strong;
  std::vector<std::string> weak;
  syscall_symbols(*sys, strong, weak);
  if (strong.empty()) {
    if (must_work()) FAIL() << "/proc/kallsyms lists no syscall entry (censored?)";
    GTEST_SKIP() << "/proc/kallsyms lists no syscall entry (censored?)";
  }
  ASSERT_GT(strong.size(), 250U);

  const auto ev = gather_symbol_evidence(*sys, strong, KallsymsMode::Always, BtfMode::Auto);
  ASSERT_TRUE(ev.btf.readable) << ev.btf.error.value_or("");
  ASSERT_TRUE(ev.kallsyms.readable) << ev.kallsyms.error.value_or("");
  EXPECT_EQ(ev.contradicted, std::vector<std::string>{}) << "BTF lacks these syscalls";
  for (const auto& s : strong) EXPECT_TRUE(ev.answers.at(s).present) << s;

  // A weak stub (a syscall configured out) is a BTF function too, so the
  // default mode must leave it to kallsyms, which says "absent".
  if (!weak.empty()) {
    const auto stubs = gather_symbol_evidence(*sys, weak, KallsymsMode::Auto, BtfMode::Auto);
    for (const auto& s : weak) {
      EXPECT_FALSE(stubs.answers.at(s).present) << s;
      EXPECT_EQ(stubs.answers.at(s).source, EvidenceSource::Kallsyms) << s;
    }
  }
  RecordProperty("strong", static_cast<int>(strong.size()));
  RecordProperty("weak", static_cast<int>(weak.size()));
}

}  // namespace
}  // namespace probe
