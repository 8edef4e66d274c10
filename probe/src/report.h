// The report: every fact the probe gathers, and how it gathers them through
// a System. Rendering is in render.h.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "container.h"
#include "emulation.h"
#include "evidence.h"
#include "kallsyms.h"
#include "kernel_flavour.h"
#include "lsm.h"
#include "outcome.h"
#include "precheck.h"
#include "proc_status.h"
#include "report_request.h"
#include "sentry.h"
#include "system.h"
#include "verdict.h"

namespace probe {

struct CatalogueEntry;

/// One call tried. Its text fields without an owner point into static
/// storage (the catalogue's rows, literals): a census has ~400 attempts, and
/// a string each was a share of its time.
struct Attempt {
  /// The catalogue's row; null for the project's own call.
  const CatalogueEntry* row = nullptr;
  long nr = 0;
  std::string_view name;
  std::string_view arch;  ///< probe_arch()
  /// The kernel function behind the call, without the sys_ prefix: the name,
  /// or the tables' entry point (entry_point_here: "newfstat" for fstat).
  /// Under an emulator, the host kernel's (emulation.h kernel_entry_point).
  std::string_view entry;
  /// syscall_symbol_prefix() of the kernel whose symbol speaks for the call:
  /// this architecture's, or the host's under an emulator ("__x64_sys_").
  std::string_view symbol_prefix = syscall_symbol_prefix();
  std::optional<std::uint64_t> expected_value;
  std::optional<std::string_view> since;  ///< null for the project's syscall
  ExpectedAnswer expectation;
  /// Read it through explanation_of(): empty when `expected_errno` says the
  /// sentence is judge()'s commonest one, built only if printed.
  std::string explanation;
  std::optional<std::string> expected;  ///< catalogue: "EBADF", "SIGILL"
  Outcome outcome;
  /// Under gVisor's Sentry: the second request that settled the first
  /// answer, and what it answered (sentry.h). nullopt: none was needed.
  std::optional<SecondLook> second_look;
  std::optional<std::uint32_t> token;  ///< own syscall
  /// Catalogue: the check the kernel makes before the arguments; whether
  /// this caller passes it (nullopt: unknown); whether the probe's child set
  /// no_new_privs before this call (landlock_restrict_self).
  Precheck precheck = Precheck::None;
  bool child_no_new_privs = false;
  Verdict verdict = Verdict::Error;
  Answerer answered_by = Answerer::Unknown;
  Proof proof = Proof::None;
  /// The kernel gave the expected errno, straight (no emulator, no Sentry):
  /// the explanation is expected_errno_sentence() of it. Most of a census;
  /// the text report prints none of them.
  bool expected_errno = false;
  std::optional<bool> kernel_has_symbol;
  std::optional<EvidenceSource> evidence;  ///< where kernel_has_symbol came from
  std::optional<bool> verified;
  std::optional<bool> precheck_passed;
  /// Asking the filters (System::ask_filters): was the probe's own filter
  /// notified of this call? nullopt: not asked, or not learned.
  std::optional<bool> filter_notified;
};

/// The attempt's one-sentence explanation.
std::string explanation_of(const Attempt& a);

/// What asking the filters did in this run (System::ask_filters).
struct FilterAsking {
  /// Whether the filters were asked: only under a filter, only about the
  /// calls a filter may have answered (worth_asking_filters).
  bool asked = false;
  FilterAnswers::Install install = FilterAnswers::Install::Refused;
  std::string error;  ///< why the probe's own filter was refused
  int calls = 0;      ///< calls asked about
  int notified = 0;   ///< of those, notified to the probe's own filter
};

struct Report {
  std::string probe_version;
  std::optional<std::string> label;
  std::string generated_at;
  UtsName uts;
  Flavour flavour;
  ContainerInfo container;
  Emulation emulation;  ///< is an emulator translating our calls (qemu-user, Rosetta)?
  ProcStatus status;
  std::map<std::string, std::string> namespaces;
  std::string uid_map;
  bool uid_identity = false;
  CgroupInfo cgroup;
  SourceInfo btf;
  SourceInfo kallsyms;
  std::vector<std::string> btf_contradicted;  ///< see SymbolEvidence::contradicted
  FilterAsking filter_asking;
  LsmInfo lsm;  ///< security modules and lockdown (lsm.h)
  Attempt syscall;
  std::vector<Attempt> catalogue;
};

/// The architecture name used in reports: "x86_64", "aarch64".
const char* probe_arch();

/// The entry symbol the kernel lists for `a` ("__x64_sys_newfstat"); under
/// an emulator, the host kernel's.
std::string symbol_of(const Attempt& a);

/// Gathers the whole report: reads the environment, makes every attempt,
/// asks the kernel's BTF and then /proc/kallsyms, each at most once, about
/// the entry symbols whose verdicts need it (or per options), then judges.
/// `now_utc` is the RFC 3339 timestamp.
/// The steps, each on its own, are in gather.h.
Report gather_report(System& sys, const ReportRequest& request, const std::string& now_utc);

/// The current time as "2026-11-27T18:46:53Z" (utc_stamp of time()).
std::string utc_now();

/// `seconds` since the epoch as "2026-11-27T18:46:53Z"; "" before 1970 or after 9999. Pure:
/// std::chrono's civil calendar, not glibc's gmtime_r, which first loads the
/// time zone (/etc/localtime, seven system calls) that a UTC stamp never uses.
std::string utc_stamp(std::int64_t seconds);

}  // namespace probe
