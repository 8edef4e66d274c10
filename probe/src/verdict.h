// The verdict table: (outcome, expectation, seccomp state, symbol evidence)
// -> one decision (verdict, answerer, proof, the row that decided), and the
// sentence rendered from it apart (verdict_text.cc). Pure. docs/verdicts.md
// is its prose twin.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "outcome.h"

namespace probe {

/// Exactly the verdicts of docs/report.schema.json.
enum class Verdict : std::uint8_t {
  Implemented,
  /// The answerer has the call but refused the request the catalogue makes:
  /// it answered ENOSYS to it and otherwise to a second request (gVisor's
  /// Sentry implements some calls for some arguments only: sentry.h).
  Partial,
  Absent,
  Blocked,
  AbsentOrBlocked,
  /// The filter or the kernel's own check on the caller (a capability,
  /// no_new_privs, a sysctl) gave the same errno; the probe cannot tell which.
  BlockedOrDenied,
  Occupied,
  Killed,
  Timeout,
  Error,
};

/// Who gave the answer a verdict rests on.
enum class Answerer : std::uint8_t {
  Kernel,      ///< the host kernel (its code behind the number, or its own checks)
  Filter,      ///< a seccomp filter (ERRNO, TRAP, KILL)
  Sentry,      ///< gVisor's Sentry, a kernel of its own in user space
  Emulator,    ///< a user-mode emulator (qemu-user) translating the calls
  Supervisor,  ///< a process answering through SECCOMP_RET_USER_NOTIF
  Unknown,     ///< not proven (the verdict says between whom)
};

/// How the answerer was proven.
enum class Proof : std::uint8_t {
  /// no seccomp filter is installed: nothing stands between the call and
  /// the kernel (or the Sentry, or the emulator)
  PlainCall,
  /// the answer is one only the call's own code gives (the expected errno,
  /// the token XOR the magic, the expected signal)
  ExpectedAnswer,
  /// the probe's own filter, installed below the others, was notified: every
  /// filter let the call through (System::ask_filters)
  OwnFilterNotified,
  /// the probe's own filter was not notified: a filter above it answered
  OwnFilterSilent,
  /// SIGSYS from a seccomp TRAP (si_code SYS_SECCOMP) or KILL
  SeccompSignal,
  /// the probe's own filter was refused with EBUSY (a listener is already in
  /// the chain) and the kernel lacks the call's entry symbol
  ListenerInChain,
  /// gVisor: the runtime's Sentry answers every call (container.runtime)
  Runtime,
  /// an emulator translates every call (emulation.h)
  Emulation,
  /// gVisor: asked again in a user namespace of its own, where it holds
  /// every capability, the Sentry answered ENOSYS: its answer to the plain
  /// call was a capability stub's (sentry.h)
  UserNamespace,
  /// gVisor: a second request, which a kernel with the call answers
  /// otherwise than the first, settled it (sentry.h)
  SecondRequest,
  /// gVisor: the Sentry refused the catalogue's own request, one every
  /// kernel with the call grants (a call with no argument that can fail)
  RefusedGrant,
  /// inferred from the answer, the kernel's symbol tables and the caller's
  /// own checks: the filters could not be asked
  Inferred,
  /// nothing proves who answered (error, timeout)
  None,
};

/// "implemented", "absent-or-blocked", ...
std::string_view verdict_name(Verdict v);
/// "kernel", "seccomp-filter", "gvisor-sentry", "emulator",
/// "seccomp-supervisor", "unknown".
std::string_view answerer_name(Answerer a);
/// "plain-call", "expected-answer", "own-filter-notified", ...
std::string_view proof_name(Proof p);
/// Inverse of verdict_name; nullopt for anything else.
std::optional<Verdict> parse_verdict(std::string_view name);
/// Every verdict with its name, in the order of the enum (the table that
/// verdict_name and parse_verdict read; --help lists it).
std::span<const std::pair<Verdict, std::string_view>> verdict_names();

/// What a kernel that implements the call answers.
struct ExpectedAnswer {
  enum class Kind : std::uint8_t {
    Value,   ///< the project's syscall: returns exactly `value`
    Errno,   ///< a catalogue entry failing early with errno `value`
    Signal,  ///< a catalogue entry killing the caller with signal `value`
    /// a catalogue entry that cannot fail (getpid): any value >= 0
    Returns,
    /// a catalogue entry that no kernel implements (sys_ni_syscall): nothing
    /// meets it, so the kernel's ENOSYS reads as absent
    NeverImplemented,
  };
  Kind kind = Kind::Value;
  std::int64_t value = 0;
  /// Catalogue: the errno a kernel that has the call gives when a check on
  /// the caller or host comes first (e.g. EPERM without CAP_SYS_ADMIN); 0 if
  /// none. ENOSYS here, or EPERM under a filter, proves nothing by itself.
  int alt_errno = 0;
};

/// Which of the kernel's own tables answered "does it have the symbol?".
enum class EvidenceSource : std::uint8_t { Btf, Kallsyms };

/// "btf", "kallsyms".
std::string_view evidence_source_name(EvidenceSource s);

/// What the probe knows besides the outcome.
struct Evidence {
  bool filtered = false;  ///< a seccomp filter (or strict mode) is installed
  /// Does the kernel have the entry symbol? nullopt: no source could say.
  /// A "yes" always comes from /proc/kallsyms (a strong text symbol); a
  /// "no" from kallsyms or from the kernel's BTF.
  std::optional<bool> kernel_has_symbol;
  std::string symbol;  ///< the symbol looked up, for explanations
  /// The syscall's name, for explanations; like `precheck` and `runtime`, a
  /// view of storage that outlives the judging (Attempt::name, literals,
  /// the report's container.runtime): a census judges ~400 rows.
  std::string_view name;
  EvidenceSource source = EvidenceSource::Kallsyms;  ///< of kernel_has_symbol
  /// Catalogue: does the caller pass the check the kernel makes before the
  /// arguments (catalogue.h Precheck, precheck.h)? nullopt: cannot tell, or
  /// the entry has none.
  std::optional<bool> precheck_passed;
  std::string_view precheck;  ///< what that check needs ("cap_sys_admin"), for explanations
  /// container.runtime: names the filter's profile, and under "gvisor" says
  /// the Sentry answered (runtime_filter.h).
  std::string_view runtime = "none";
  /// What asking the filters (System::ask_filters) proved for this call:
  /// true, a filter answered (the probe's own was not notified); false, the
  /// filters let it through (notified); nullopt, not asked or not learned.
  std::optional<bool> filter_answered;
  /// The probe's own filter was refused with EBUSY: a seccomp supervisor
  /// listens on this process's filter chain.
  bool listener_in_chain = false;
};

/// The row of the decision table (docs/verdicts.md) that decided: each has
/// one sentence (explain).
enum class Reason : std::uint8_t {
  ExpectedErrno,        ///< the errno a kernel with the call gives
  ExpectedSignal,       ///< the signal the call kills an outsider with
  ExpectedReturn,       ///< a call with no argument that can fail returned
  OwnValueKernel,       ///< our value; the kernel has our code (or no filter)
  OwnValueSupervisor,   ///< our value, the kernel lacks it, a listener is in the chain
  OwnValueLayer,        ///< our value, the kernel lacks it: a layer answered
  OwnValueUnsure,       ///< our value under a filter, the symbols could not tell
  FilterLacks,          ///< the filter answered (own filter silent), the kernel lacks it
  FilterRefused,        ///< the filter answered (own filter silent)
  ProbeError,           ///< the probe could not make the attempt
  ProbeTimeout,         ///< the call overstayed --timeout-ms
  ConfiguredOut,        ///< ENOSYS from a feature switched off at boot
  AltErrnoFilterLacks,  ///< the check's errno under a filter, the kernel lacks it
  AltErrnoEither,       ///< the check's errno: the filter's or the kernel's
  AltErrnoKernel,       ///< the check's errno, which only the kernel gives here
  SentryEnosys,         ///< gVisor's Sentry answered ENOSYS
  EnosysKernel,         ///< ENOSYS with no filter in the way
  EnosysFilter,         ///< ENOSYS under a filter, the kernel has the call
  EnosysFilterLacks,    ///< ENOSYS under a filter, the kernel lacks the call
  EnosysUnsure,         ///< ENOSYS under a filter, the symbols could not tell
  EpermFilterLacks,     ///< EPERM under a filter, the kernel lacks the call
  EpermFilter,          ///< EPERM under a filter
  SigsysHasIt,          ///< SIGSYS from a filter, the kernel has the call
  SigsysLacks,          ///< SIGSYS from a filter, the kernel lacks the call
  SigsysUnsure,         ///< SIGSYS from a filter, the symbols could not tell
  OccupiedSigill,       ///< our number killed the caller with SIGILL
  KilledBySignal,       ///< another signal killed the caller
  OccupiedOther,        ///< our number gave another answer than our value
  OtherOrder,           ///< a row's call answered otherwise than expected
};

/// What judge() decided: a small value, no text (explain() renders it).
struct Decision {
  Verdict verdict = Verdict::Error;
  Answerer by = Answerer::Unknown;
  Proof proof = Proof::None;
  Reason reason = Reason::ProbeError;
  /// Judged as under a filter: Evidence::filtered, but false where the
  /// filters were proven to let the call through (the answer is the
  /// kernel's, judged as with no filter).
  bool filtered = false;
};

/// A decision with its sentence: what the layers that rewrite the kernel's
/// view (emulation.h, sentry.h) and the report hold.
struct Judgement {
  Verdict verdict = Verdict::Error;
  std::string explanation;  ///< one sentence
  Answerer by = Answerer::Unknown;
  Proof proof = Proof::None;
};

/// True when `expect` is met by `outcome` (the call reached a kernel that has it).
bool meets(const ExpectedAnswer& expect, const Outcome& outcome);

/// True when a seccomp filter answers `err` in the profiles we know (EPERM,
/// ENOSYS), so that errno under a filter may be the filter's.
bool filter_may_answer(int err);

/// True when `outcome` is the expectation's alt_errno and that alone shows
/// the kernel has the call (not ENOSYS; not EPERM when a filter could have
/// said it).
bool meets_alt(const ExpectedAnswer& expect, const Outcome& outcome, bool filtered);

/// True when judge() would give a better answer knowing whether the kernel
/// has the entry symbol (BTF, kallsyms): also for our own call's verified
/// value, which a layer between the process and the kernel may have given.
bool needs_symbol_evidence(const ExpectedAnswer& expect, const Outcome& outcome, bool filtered);

/// True when a filter may have given `outcome` in place of the kernel, so
/// that asking the filters (System::ask_filters) can settle who answered:
/// under a filter, an errno or a return value other than the expected one,
/// and our own call's answer whatever it is (a supervisor shows there).
bool worth_asking_filters(const ExpectedAnswer& expect, const Outcome& outcome);

/// Whether the kernel has the call, as the table counts it: no for a row no
/// kernel implements (sys_ni_syscall), else what the symbols said.
std::optional<bool> kernel_has_call(const ExpectedAnswer& expect, const Evidence& evidence);

/// The decision table (docs/verdicts.md).
Decision judge(const ExpectedAnswer& expect, const Outcome& outcome, const Evidence& evidence);

/// The one-sentence explanation of `decision`, judged from the same
/// expectation, outcome and evidence (verdict_text.cc).
std::string explain(const Decision& decision, const ExpectedAnswer& expect, const Outcome& outcome,
                    const Evidence& evidence);

/// judge() and its sentence.
Judgement judged(const ExpectedAnswer& expect, const Outcome& outcome, const Evidence& evidence);

/// judge()'s sentence for its commonest case, a kernel answering the errno
/// the entry expects: "The kernel answered EBADF to deliberately bad
/// arguments, as a kernel with read does."
std::string expected_errno_sentence(int err, std::string_view name);

}  // namespace probe
