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

// The sentence added where the probe's own filter proved that the filters
// let the call through.
constexpr std::string_view kLetThrough =
    "; the seccomp filter let the call through (the probe's own filter, installed below it, "
    "was notified of it).";
constexpr std::string_view kNeverNotified =
    " (the probe's own filter, installed below it, was never notified of the call)";

std::string expected_text(const ExpectedAnswer& e) {
  switch (e.kind) {
    case ExpectedAnswer::Kind::Value: return "the value " + std::to_string(e.value);
    case ExpectedAnswer::Kind::Errno: return errno_name(static_cast<int>(e.value));
    case ExpectedAnswer::Kind::Signal: return signal_name(static_cast<int>(e.value));
    case ExpectedAnswer::Kind::Returns: return "a value >= 0";
    case ExpectedAnswer::Kind::NeverImplemented: return "ENOSYS (never implemented)";
  }
  return "?";
}

Judgement say(Verdict v, std::string text, Answerer by, Proof proof) {
  return {v, std::move(text), by, proof};
}

// When the answer is the row's alt errno and the caller passes the check
// behind it: says so, since that is what rules the kernel's own answer out.
std::string passed(const ExpectedAnswer& e, const Outcome& o, const Evidence& ev) {
  if (e.alt_errno == 0 || o.kind != Outcome::Kind::Errno || o.err != e.alt_errno) return "";
  if (ev.precheck_passed != true) return "";
  return ", and this caller has " + std::string(ev.precheck) +
         ", so the kernel's own check would have passed";
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

std::string expected_errno_sentence(int err, std::string_view name) {
  constexpr std::string_view kAnswered = "The kernel answered ";
  constexpr std::string_view kBad = " to deliberately bad arguments, as a kernel with ";
  constexpr std::string_view kDoes = " does.";
  const std::string errno_text = errno_name(err);
  std::string text;  // one allocation, not one per `+`
  text.reserve(kAnswered.size() + errno_text.size() + kBad.size() + name.size() + kDoes.size());
  return text.append(kAnswered).append(errno_text).append(kBad).append(name).append(kDoes);
}

namespace {

// What "has" says, with sys_ni_syscall rows known absent.
std::optional<bool> has_call(const ExpectedAnswer& e, const Evidence& ev) {
  return e.kind == ExpectedAnswer::Kind::NeverImplemented ? std::optional<bool>{false}
                                                          : ev.kernel_has_symbol;
}

// The clause saying the kernel lacks the call, and how that is known.
std::string lacks_clause(const ExpectedAnswer& e, const Evidence& ev, const std::string& name) {
  if (e.kind == ExpectedAnswer::Kind::NeverImplemented) {
    return "this architecture's syscall table never implements " + name +
           " (sys_ni_syscall), so the kernel lacks it anyway";
  }
  return (ev.source == EvidenceSource::Btf
              ? "the kernel's BTF (/sys/kernel/btf/vmlinux) has no function " + ev.symbol
              : "/proc/kallsyms has no " + ev.symbol) +
         ", so the kernel lacks " + name + " anyway";
}

// Our own value came back: whose code computed it.
Judgement own_value(const Evidence& ev, const std::string& name) {
  const std::optional<bool> has = ev.kernel_has_symbol;
  const std::string ours =
      "The call returned the token XOR the magic, which only code written for " + name +
      " computes, so it is implemented here";
  if (has == false) {
    const std::string lacks =
        (ev.source == EvidenceSource::Btf ? "the kernel's BTF has no function " + ev.symbol
                                          : "/proc/kallsyms has no " + ev.symbol);
    if (ev.listener_in_chain) {
      return say(Verdict::Implemented,
                 ours + ", but not by the kernel (" + lacks +
                     "): a seccomp supervisor answered on the kernel's behalf, its listener "
                     "sitting in this process's filter chain (the probe's own filter with a "
                     "listener was refused with EBUSY).",
                 Answerer::Supervisor, Proof::ListenerInChain);
    }
    return say(Verdict::Implemented,
               ours + ", but not by the kernel: " + lacks +
                   ", so a layer between this process and the kernel answered" +
                   (ev.filtered ? " (a seccomp filter is installed: a supervisor answering "
                                  "through SECCOMP_RET_USER_NOTIF can do this)"
                                : "") +
                   ".",
               Answerer::Unknown, Proof::Inferred);
  }
  if (has == true || !ev.filtered) {
    return say(Verdict::Implemented,
               "The kernel returned the token XOR the magic, which only our own " + name +
                   " computes, so it is implemented here" +
                   (has == true ? " (/proc/kallsyms lists " + ev.symbol + ")" : "") + ".",
               Answerer::Kernel, Proof::ExpectedAnswer);
  }
  return say(Verdict::Implemented,
             ours +
                 "; a seccomp filter is installed and the kernel's symbol tables could not "
                 "tell whether the kernel has it, so the kernel or a supervisor answered.",
             Answerer::Unknown, Proof::Inferred);
}

// A filter above the probe's own answered (it was never notified).
Judgement filter_proven(const ExpectedAnswer& e, const Outcome& o, const Evidence& ev,
                        const std::string& name) {
  const std::string got = o.kind == Outcome::Kind::Returned ? "returned " + std::to_string(o.value)
                                                            : "answered " + errno_name(o.err);
  const std::string answered = "A seccomp filter " + got + std::string(kNeverNotified);
  const std::optional<bool> has = has_call(e, ev);
  if (has == false) {
    return say(Verdict::Absent, answered + ", and " + lacks_clause(e, ev, name) + ".",
               Answerer::Filter, Proof::OwnFilterSilent);
  }
  std::string text = answered;
  if (has == true) {
    text += ", and the kernel has " + name + " (/proc/kallsyms lists " + ev.symbol + ")";
  } else {
    text += "; the kernel's symbol tables could not tell whether the kernel has " + name;
  }
  if (o.kind == Outcome::Kind::Errno && o.err == ENOSYS) {
    text += " (" + filter_enosys_reason(ev.runtime, name) + ")";
  }
  return say(Verdict::Blocked, text + ".", Answerer::Filter, Proof::OwnFilterSilent);
}

// The decision table (docs/verdicts.md) for an answer no one proved to be
// a filter's: with no filter, or where the filters let the call through
// (ev.filter_answered false), or where they could not be asked.
Judgement judge_answer(const ExpectedAnswer& e, const Outcome& o, const Evidence& ev) {
  const std::string name(ev.name);
  const std::optional<bool> has = has_call(e, ev);
  const bool own = e.kind == ExpectedAnswer::Kind::Value;
  const bool let_through = ev.filter_answered == false;
  // How the kernel is known to have given an answer that no filter gives.
  const Proof kernel_proof =
      let_through ? Proof::OwnFilterNotified : (ev.filtered ? Proof::Inferred : Proof::PlainCall);
  // How a sentence ends: with the proof that the filters let the call through.
  const std::string end(let_through ? kLetThrough : ".");
  // Built only by the sentences that use them: most rows need neither, and
  // a census judges ~400 rows.
  const auto lacks = [&] { return lacks_clause(e, ev, name); };
  const auto listed = [&] { return "/proc/kallsyms lists " + ev.symbol; };

  switch (o.kind) {
    case Outcome::Kind::Error:
      return say(Verdict::Error, "The probe could not make the attempt: " + o.error + ".",
                 Answerer::Unknown, Proof::None);
    case Outcome::Kind::Timeout:
      return say(Verdict::Timeout,
                 "The call had not returned after " + std::to_string(o.timeout_ms) +
                     " ms, so the probe killed the child that made it.",
                 Answerer::Unknown, Proof::None);
    case Outcome::Kind::Returned:
    case Outcome::Kind::Errno:
    case Outcome::Kind::Signal: break;
  }

  if (meets(e, o)) {
    switch (e.kind) {
      case ExpectedAnswer::Kind::Value: return own_value(ev, name);
      case ExpectedAnswer::Kind::Errno: break;  // judge() answers it first
      case ExpectedAnswer::Kind::Signal:
        return say(Verdict::Implemented,
                   "The caller died of " + signal_name(o.signal) + ", which is how " + name +
                       " answers a call from outside its trampoline.",
                   Answerer::Kernel, Proof::ExpectedAnswer);
      case ExpectedAnswer::Kind::Returns:
        return say(Verdict::Implemented,
                   "The kernel returned " + std::to_string(o.value) + ", as " + name +
                       " always does: it has no argument to refuse.",
                   Answerer::Kernel, Proof::ExpectedAnswer);
      case ExpectedAnswer::Kind::NeverImplemented: break;
    }
  }

  // ENOSYS is the alt errno of a feature switched off at boot (secretmem):
  // known off, the kernel itself answers ENOSYS, filter or not, so the call
  // is absent here in both runs (configured out), whatever the symbols say.
  // Not under gVisor: the Sentry answers from its own table, not the host's
  // boot parameters (its ENOSYS is explained below).
  if (e.alt_errno == ENOSYS && o.kind == Outcome::Kind::Errno && o.err == ENOSYS &&
      ev.precheck_passed == false && !runtime_filter(ev.runtime).sentry) {
    return say(Verdict::Absent,
               "The kernel answers ENOSYS to " + name + " unless " + std::string(ev.precheck) +
                   ", which is off here, so the call is configured out on this kernel" +
                   (ev.filtered ? ", whatever the seccomp filter does" : "") +
                   (has == true ? " (" + listed() + ")" : std::string()) + end,
               Answerer::Kernel, kernel_proof);
  }

  // The alt errno under a filter that gives it too: the filter's unless the
  // caller is known to pass the kernel's own check first.
  if (e.alt_errno != 0 && o.kind == Outcome::Kind::Errno && o.err == e.alt_errno && ev.filtered &&
      filter_may_answer(o.err) && ev.precheck_passed != true) {
    if (has == false) {
      return say(Verdict::Absent,
                 "A seccomp filter answered " + errno_name(o.err) + ", and " + lacks() + ".",
                 Answerer::Filter, Proof::Inferred);
    }
    const std::string caller = ev.precheck_passed == false
                                   ? "this caller lacks it"
                                   : "the probe could not tell whether this caller has it";
    return say(Verdict::BlockedOrDenied,
               errno_name(o.err) + " may be the seccomp filter's answer or the kernel's own: " +
                   "a kernel with " + name + " checks " + std::string(ev.precheck) +
                   " before the arguments and answers " + errno_name(o.err) + " without it, and " +
                   caller +
                   (has == true ? " (the kernel has the call: " + listed() + ")" : std::string()) +
                   ", so either could have answered; the probe's own filter could not be asked.",
               Answerer::Unknown, Proof::Inferred);
  }

  if (meets_alt(e, o, ev.filtered)) {
    return say(Verdict::Implemented,
               "The kernel answered " + errno_name(o.err) + ", as a kernel with " + name +
                   " does when the caller or host fails the check it makes first "
                   "(see docs/catalogue.md)" +
                   end,
               Answerer::Kernel, kernel_proof);
  }

  if (o.kind == Outcome::Kind::Errno && o.err == ENOSYS) {
    if (!ev.filtered && runtime_filter(ev.runtime).sentry) {
      return say(Verdict::Absent, sentry_enosys(name), Answerer::Sentry, Proof::Runtime);
    }
    if (!ev.filtered) {
      return say(Verdict::Absent,
                 let_through
                     ? "The kernel answered ENOSYS, so it has no " + name + " at this number" + end
                     : "The kernel answered ENOSYS and no seccomp filter is installed, "
                       "so it has no " +
                           name + " at this number.",
                 Answerer::Kernel, kernel_proof);
    }
    if (has == true) {
      return say(Verdict::Blocked,
                 "ENOSYS came from the seccomp filter, not the kernel: " + listed() +
                     ", and a kernel that has a call never answers ENOSYS for it" +
                     passed(e, o, ev) + " (" + filter_enosys_reason(ev.runtime, name) + ").",
                 Answerer::Filter, Proof::Inferred);
    }
    if (has == false) {
      return say(Verdict::Absent, "A seccomp filter is installed, but " + lacks() + ".",
                 Answerer::Unknown, Proof::Inferred);
    }
    return say(Verdict::AbsentOrBlocked,
               "ENOSYS came back under a seccomp filter, the probe's own filter could not be "
               "asked, and the kernel's symbol tables (BTF, /proc/kallsyms) could not tell "
               "whether it has " +
                   name + "; run with --security-opt seccomp=unconfined to settle it.",
               Answerer::Unknown, Proof::Inferred);
  }

  if (o.kind == Outcome::Kind::Errno && o.err == EPERM && ev.filtered) {
    if (has == false) {
      return say(Verdict::Absent, "A seccomp filter answered EPERM, and " + lacks() + ".",
                 Answerer::Unknown, Proof::Inferred);
    }
    return say(Verdict::Blocked,
               "A seccomp filter answered EPERM, so the call never reached the kernel" +
                   std::string(has == true ? " (which has it: " + listed() + ")" : "") +
                   passed(e, o, ev) + ".",
               Answerer::Filter, Proof::Inferred);
  }

  if (o.kind == Outcome::Kind::Signal && o.signal == SIGSYS && (ev.filtered || o.seccomp_signal)) {
    const std::string how =
        o.seccomp_signal ? "trapped the call with SIGSYS" : "killed the caller with SIGSYS";
    if (has == true) {
      return say(Verdict::Blocked,
                 "A seccomp filter " + how + " and the kernel has " + name + " (" + listed() + ").",
                 Answerer::Filter, Proof::SeccompSignal);
    }
    if (has == false) {
      return say(Verdict::Absent, "A seccomp filter " + how + ", and " + lacks() + ".",
                 Answerer::Filter, Proof::SeccompSignal);
    }
    return say(Verdict::Killed,
               "A seccomp filter " + how +
                   "; the kernel's symbol tables (BTF, /proc/kallsyms) could not tell whether "
                   "it has " +
                   name + ".",
               Answerer::Filter, Proof::SeccompSignal);
  }

  if (o.kind == Outcome::Kind::Signal) {
    if (o.signal == SIGILL && own) {
      return say(Verdict::Occupied,
                 "The caller died of SIGILL, so another system call lives at this number "
                 "(uretprobe, at 335 since Linux 6.11, does exactly this).",
                 Answerer::Kernel, kernel_proof);
    }
    return say(Verdict::Killed, "The caller was killed by " + signal_name(o.signal) + ".",
               Answerer::Kernel, kernel_proof);
  }

  // A return value or an errno that the expected call does not give.
  const std::string got = o.kind == Outcome::Kind::Returned ? "returned " + std::to_string(o.value)
                                                            : "answered " + errno_name(o.err);
  if (own) {
    return say(Verdict::Occupied,
               "The kernel " + got + ", not " + expected_text(e) +
                   ", so another system call lives at this number" + end,
               Answerer::Kernel, kernel_proof);
  }
  // A catalogue row's number is its call's on every kernel (numbers are
  // never reused), and only sys_ni_syscall answers ENOSYS there: any other
  // answer came from code that has the call and checks these arguments in
  // another order than the catalogue expects.
  return say(Verdict::Implemented,
             "The kernel " + got + " instead of " + expected_text(e) +
                 (has == true ? ", but " + listed() + ", so it has " + name
                              : ", and at " + name +
                                    "'s number only a kernel that has it "
                                    "answers anything but ENOSYS") +
                 ": it checks these arguments in another order than the catalogue expects" + end,
             Answerer::Kernel, kernel_proof);
}

}  // namespace

Judgement judge(const ExpectedAnswer& e, const Outcome& o, const Evidence& ev) {
  // Most rows of a census land here: the kernel gave the errno a kernel with
  // the call gives. One allocation, the sentence.
  if (e.kind == ExpectedAnswer::Kind::Errno && meets(e, o)) {
    return say(Verdict::Implemented, expected_errno_sentence(o.err, ev.name), Answerer::Kernel,
               Proof::ExpectedAnswer);
  }
  const bool answered = o.kind == Outcome::Kind::Errno || o.kind == Outcome::Kind::Returned;
  if (ev.filtered && answered && ev.filter_answered == true && !meets(e, o)) {
    return filter_proven(e, o, ev, std::string(ev.name));
  }
  if (ev.filtered && answered && ev.filter_answered == false) {
    // Every filter let the call through: the answer is the kernel's, judged
    // as with no filter, the sentences saying how that is known.
    Evidence below = ev;
    below.filtered = false;
    return judge_answer(e, o, below);
  }
  return judge_answer(e, o, ev);
}

}  // namespace probe
