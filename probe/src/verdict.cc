#include "verdict.h"

#include <cerrno>
#include <csignal>

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "runtime_filter.h"

namespace probe {

namespace {

constexpr std::array<std::pair<Verdict, std::string_view>, 10> kNames{{
    {Verdict::Implemented, "implemented"},
    {Verdict::Partial, "partial"},
    {Verdict::Absent, "absent"},
    {Verdict::Blocked, "blocked"},
    {Verdict::AbsentOrBlocked, "absent-or-blocked"},
    {Verdict::BlockedOrDenied, "blocked-or-denied"},
    {Verdict::Occupied, "occupied"},
    {Verdict::Killed, "killed"},
    {Verdict::Timeout, "timeout"},
    {Verdict::Error, "error"},
}};

constexpr std::array<std::pair<Answerer, std::string_view>, 6> kAnswerers{{
    {Answerer::Kernel, "kernel"},
    {Answerer::Filter, "seccomp-filter"},
    {Answerer::Sentry, "gvisor-sentry"},
    {Answerer::Emulator, "emulator"},
    {Answerer::Supervisor, "seccomp-supervisor"},
    {Answerer::Unknown, "unknown"},
}};

constexpr std::array<std::pair<Proof, std::string_view>, 13> kProofs{{
    {Proof::PlainCall, "plain-call"},
    {Proof::ExpectedAnswer, "expected-answer"},
    {Proof::OwnFilterNotified, "own-filter-notified"},
    {Proof::OwnFilterSilent, "own-filter-silent"},
    {Proof::SeccompSignal, "seccomp-signal"},
    {Proof::ListenerInChain, "listener-in-chain"},
    {Proof::Runtime, "runtime"},
    {Proof::Emulation, "emulation"},
    {Proof::UserNamespace, "user-namespace"},
    {Proof::SecondRequest, "second-request"},
    {Proof::RefusedGrant, "refused-grant"},
    {Proof::Inferred, "inferred"},
    {Proof::None, "none"},
}};

template <class Enum, std::size_t N>
std::string_view name_in(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum v) {
  for (const auto& [value, name] : table) {
    if (value == v) return name;
  }
  return table.back().second;
}

}  // namespace

std::string_view evidence_source_name(EvidenceSource s) {
  switch (s) {
    case EvidenceSource::Btf: return "btf";
    case EvidenceSource::Kallsyms: return "kallsyms";
  }
  return "kallsyms";
}

std::string_view answerer_name(Answerer a) {
  return name_in(kAnswerers, a);
}

std::string_view proof_name(Proof p) {
  return name_in(kProofs, p);
}

std::string_view verdict_name(Verdict v) {
  return name_in(kNames, v);  // the last row, "error", for anything else
}

std::span<const std::pair<Verdict, std::string_view>> verdict_names() {
  return kNames;
}

std::optional<Verdict> parse_verdict(std::string_view name) {
  for (const auto& [verdict, text] : kNames) {
    if (text == name) return verdict;
  }
  return std::nullopt;
}

bool meets(const ExpectedAnswer& e, const Outcome& o) {
  switch (e.kind) {
    case ExpectedAnswer::Kind::Value:
      return o.kind == Outcome::Kind::Returned && o.value == e.value;
    case ExpectedAnswer::Kind::Errno: return o.kind == Outcome::Kind::Errno && o.err == e.value;
    case ExpectedAnswer::Kind::Signal:
      return o.kind == Outcome::Kind::Signal && o.signal == e.value;
    case ExpectedAnswer::Kind::Returns: return o.kind == Outcome::Kind::Returned;
    case ExpectedAnswer::Kind::NeverImplemented: return false;
  }
  return false;
}

bool filter_may_answer(int err) {
  return err == EPERM || err == ENOSYS;
}

bool meets_alt(const ExpectedAnswer& e, const Outcome& o, bool filtered) {
  if (e.alt_errno == 0 || o.kind != Outcome::Kind::Errno || o.err != e.alt_errno) return false;
  if (e.alt_errno == ENOSYS) return false;
  return !(filtered && filter_may_answer(e.alt_errno));
}

bool worth_asking_filters(const ExpectedAnswer& e, const Outcome& o) {
  if (o.kind != Outcome::Kind::Errno && o.kind != Outcome::Kind::Returned) return false;
  return e.kind == ExpectedAnswer::Kind::Value || !meets(e, o);
}

bool needs_symbol_evidence(const ExpectedAnswer& e, const Outcome& o, bool filtered) {
  const bool catalogue = e.kind != ExpectedAnswer::Kind::Value;
  // Our own value proves our code answered, not that the kernel holds it.
  if (!catalogue && meets(e, o)) return true;
  if (meets(e, o) || meets_alt(e, o, filtered)) return false;
  switch (o.kind) {
    case Outcome::Kind::Errno:
      if (o.err == ENOSYS || o.err == EPERM) return filtered || (catalogue && o.err == EPERM);
      return catalogue;
    case Outcome::Kind::Signal: return o.signal == SIGSYS && (filtered || o.seccomp_signal);
    case Outcome::Kind::Returned: return catalogue;
    case Outcome::Kind::Timeout:
    case Outcome::Kind::Error: return false;
  }
  return false;
}

std::optional<bool> kernel_has_call(const ExpectedAnswer& e, const Evidence& ev) {
  return e.kind == ExpectedAnswer::Kind::NeverImplemented ? std::optional<bool>{false}
                                                          : ev.kernel_has_symbol;
}

namespace {

// Our own value came back: whose code computed it.
Decision decide_own_value(const Evidence& ev, bool filtered) {
  const std::optional<bool> has = ev.kernel_has_symbol;
  if (has == false) {
    if (ev.listener_in_chain) {
      return {Verdict::Implemented, Answerer::Supervisor, Proof::ListenerInChain,
              Reason::OwnValueSupervisor, filtered};
    }
    return {Verdict::Implemented, Answerer::Unknown, Proof::Inferred, Reason::OwnValueLayer,
            filtered};
  }
  if (has == true || !filtered) {
    return {Verdict::Implemented, Answerer::Kernel, Proof::ExpectedAnswer, Reason::OwnValueKernel,
            filtered};
  }
  return {Verdict::Implemented, Answerer::Unknown, Proof::Inferred, Reason::OwnValueUnsure,
          filtered};
}

// A filter above the probe's own answered (it was never notified).
Decision decide_filter_proven(const ExpectedAnswer& e, const Evidence& ev) {
  if (kernel_has_call(e, ev) == false) {
    return {Verdict::Absent, Answerer::Filter, Proof::OwnFilterSilent, Reason::FilterLacks, true};
  }
  return {Verdict::Blocked, Answerer::Filter, Proof::OwnFilterSilent, Reason::FilterRefused, true};
}

// An answer the call's own code does not give: a refusal, a signal, another
// value, `filtered` as judged.
Decision decide_unexpected(const ExpectedAnswer& e, const Outcome& o, const Evidence& ev,
                           bool filtered) {
  const std::optional<bool> has = kernel_has_call(e, ev);
  // How the kernel is known to have given an answer that no filter gives.
  const Proof kernel_proof = ev.filter_answered == false
                                 ? Proof::OwnFilterNotified
                                 : (filtered ? Proof::Inferred : Proof::PlainCall);
  const auto d = [&](Verdict v, Answerer by, Proof proof, Reason why) {
    return Decision{v, by, proof, why, filtered};
  };
  const bool errno_is = o.kind == Outcome::Kind::Errno;
  // ENOSYS is the alt errno of a feature switched off at boot (secretmem):
  // known off, the kernel itself answers ENOSYS, filter or not, so the call
  // is absent here in both runs (configured out), whatever the symbols say.
  // Not under gVisor: the Sentry answers from its own table, not the host's
  // boot parameters (its ENOSYS is explained below).
  if (e.alt_errno == ENOSYS && errno_is && o.err == ENOSYS && ev.precheck_passed == false &&
      !runtime_filter(ev.runtime).sentry) {
    return d(Verdict::Absent, Answerer::Kernel, kernel_proof, Reason::ConfiguredOut);
  }
  // The alt errno under a filter that gives it too: the filter's unless the
  // caller is known to pass the kernel's own check first.
  if (e.alt_errno != 0 && errno_is && o.err == e.alt_errno && filtered &&
      filter_may_answer(o.err) && ev.precheck_passed != true) {
    if (has == false) {
      return d(Verdict::Absent, Answerer::Filter, Proof::Inferred, Reason::AltErrnoFilterLacks);
    }
    return d(Verdict::BlockedOrDenied, Answerer::Unknown, Proof::Inferred, Reason::AltErrnoEither);
  }
  if (meets_alt(e, o, filtered)) {
    return d(Verdict::Implemented, Answerer::Kernel, kernel_proof, Reason::AltErrnoKernel);
  }
  if (errno_is && o.err == ENOSYS) {
    if (!filtered && runtime_filter(ev.runtime).sentry) {
      return d(Verdict::Absent, Answerer::Sentry, Proof::Runtime, Reason::SentryEnosys);
    }
    if (!filtered) return d(Verdict::Absent, Answerer::Kernel, kernel_proof, Reason::EnosysKernel);
    if (has == true) {
      return d(Verdict::Blocked, Answerer::Filter, Proof::Inferred, Reason::EnosysFilter);
    }
    if (has == false) {
      return d(Verdict::Absent, Answerer::Unknown, Proof::Inferred, Reason::EnosysFilterLacks);
    }
    return d(Verdict::AbsentOrBlocked, Answerer::Unknown, Proof::Inferred, Reason::EnosysUnsure);
  }
  if (errno_is && o.err == EPERM && filtered) {
    if (has == false) {
      return d(Verdict::Absent, Answerer::Unknown, Proof::Inferred, Reason::EpermFilterLacks);
    }
    return d(Verdict::Blocked, Answerer::Filter, Proof::Inferred, Reason::EpermFilter);
  }
  if (o.kind == Outcome::Kind::Signal && o.signal == SIGSYS && (filtered || o.seccomp_signal)) {
    if (has == true) {
      return d(Verdict::Blocked, Answerer::Filter, Proof::SeccompSignal, Reason::SigsysHasIt);
    }
    if (has == false) {
      return d(Verdict::Absent, Answerer::Filter, Proof::SeccompSignal, Reason::SigsysLacks);
    }
    return d(Verdict::Killed, Answerer::Filter, Proof::SeccompSignal, Reason::SigsysUnsure);
  }
  const bool own = e.kind == ExpectedAnswer::Kind::Value;
  if (o.kind == Outcome::Kind::Signal) {
    if (o.signal == SIGILL && own) {
      return d(Verdict::Occupied, Answerer::Kernel, kernel_proof, Reason::OccupiedSigill);
    }
    return d(Verdict::Killed, Answerer::Kernel, kernel_proof, Reason::KilledBySignal);
  }
  // A return value or an errno that the expected call does not give.
  if (own) return d(Verdict::Occupied, Answerer::Kernel, kernel_proof, Reason::OccupiedOther);
  // A catalogue row's number is its call's on every kernel (numbers are
  // never reused), and only sys_ni_syscall answers ENOSYS there: any other
  // answer came from code that has the call and checks these arguments in
  // another order than the catalogue expects.
  return d(Verdict::Implemented, Answerer::Kernel, kernel_proof, Reason::OtherOrder);
}

// The decision table (docs/verdicts.md) for an answer no one proved to be
// a filter's: with no filter, or where the filters let the call through
// (`filtered` false then), or where they could not be asked.
Decision decide_answer(const ExpectedAnswer& e, const Outcome& o, const Evidence& ev,
                       bool filtered) {
  switch (o.kind) {
    case Outcome::Kind::Error:
      return {Verdict::Error, Answerer::Unknown, Proof::None, Reason::ProbeError, filtered};
    case Outcome::Kind::Timeout:
      return {Verdict::Timeout, Answerer::Unknown, Proof::None, Reason::ProbeTimeout, filtered};
    case Outcome::Kind::Returned:
    case Outcome::Kind::Errno:
    case Outcome::Kind::Signal: break;
  }
  if (meets(e, o)) {
    switch (e.kind) {
      case ExpectedAnswer::Kind::Value: return decide_own_value(ev, filtered);
      case ExpectedAnswer::Kind::Errno: break;  // judge() answers it first
      case ExpectedAnswer::Kind::Signal:
        return {Verdict::Implemented, Answerer::Kernel, Proof::ExpectedAnswer,
                Reason::ExpectedSignal, filtered};
      case ExpectedAnswer::Kind::Returns:
        return {Verdict::Implemented, Answerer::Kernel, Proof::ExpectedAnswer,
                Reason::ExpectedReturn, filtered};
      case ExpectedAnswer::Kind::NeverImplemented: break;
    }
  }
  return decide_unexpected(e, o, ev, filtered);
}

}  // namespace

Decision judge(const ExpectedAnswer& e, const Outcome& o, const Evidence& ev) {
  // Most rows of a census land here: the kernel gave the errno a kernel with
  // the call gives.
  if (e.kind == ExpectedAnswer::Kind::Errno && meets(e, o)) {
    return {Verdict::Implemented, Answerer::Kernel, Proof::ExpectedAnswer, Reason::ExpectedErrno,
            ev.filtered};
  }
  const bool answered = o.kind == Outcome::Kind::Errno || o.kind == Outcome::Kind::Returned;
  if (ev.filtered && answered && ev.filter_answered == true && !meets(e, o)) {
    return decide_filter_proven(e, ev);
  }
  // Every filter let the call through: the answer is the kernel's, judged
  // as with no filter, the sentences saying how that is known.
  const bool let_through = ev.filtered && answered && ev.filter_answered == false;
  return decide_answer(e, o, ev, ev.filtered && !let_through);
}

Judgement judged(const ExpectedAnswer& e, const Outcome& o, const Evidence& ev) {
  const Decision d = judge(e, o, ev);
  return {d.verdict, explain(d, e, o, ev), d.by, d.proof};
}

}  // namespace probe
