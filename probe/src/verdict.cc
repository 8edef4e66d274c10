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

constexpr std::array<std::pair<Verdict, std::string_view>, 9> kNames{{
    {Verdict::Implemented, "implemented"},
    {Verdict::Absent, "absent"},
    {Verdict::Blocked, "blocked"},
    {Verdict::AbsentOrBlocked, "absent-or-blocked"},
    {Verdict::BlockedOrDenied, "blocked-or-denied"},
    {Verdict::Occupied, "occupied"},
    {Verdict::Killed, "killed"},
    {Verdict::Timeout, "timeout"},
    {Verdict::Error, "error"},
}};

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

Judgement say(Verdict v, std::string text) {
  return {v, std::move(text)};
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

std::string_view verdict_name(Verdict v) {
  for (const auto& [verdict, name] : kNames) {
    if (verdict == v) return name;
  }
  return "error";
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

bool needs_symbol_evidence(const ExpectedAnswer& e, const Outcome& o, bool filtered) {
  if (meets(e, o) || meets_alt(e, o, filtered)) return false;
  const bool catalogue = e.kind != ExpectedAnswer::Kind::Value;
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

Judgement judge(const ExpectedAnswer& e, const Outcome& o, const Evidence& ev) {
  // Most rows of a census land here: the kernel gave the errno a kernel with
  // the call gives. One allocation, the sentence (issue 12).
  if (e.kind == ExpectedAnswer::Kind::Errno && meets(e, o)) {
    return say(Verdict::Implemented, expected_errno_sentence(o.err, ev.name));
  }
  const std::string name(ev.name);
  // A call this architecture's table never implements (sys_ni_syscall) is
  // absent whatever the symbols say: with IA32 emulation, x86_64 kernels
  // still build __x64_sys_set_thread_area for the 32-bit table.
  const bool never = e.kind == ExpectedAnswer::Kind::NeverImplemented;
  const std::optional<bool> has = never ? std::optional<bool>{false} : ev.kernel_has_symbol;
  const bool own = e.kind == ExpectedAnswer::Kind::Value;
  // Built only by the sentences that use them: most rows need neither, and
  // a census judges ~400 rows (issue 12).
  const auto lacks = [&] {
    return never ? "this architecture's syscall table never implements " + name +
                       " (sys_ni_syscall), so the kernel lacks it anyway"
                 : (ev.source == EvidenceSource::Btf
                        ? "the kernel's BTF (/sys/kernel/btf/vmlinux) has no function " + ev.symbol
                        : "/proc/kallsyms has no " + ev.symbol) +
                       ", so the kernel lacks " + name + " anyway";
  };
  const auto listed = [&] { return "/proc/kallsyms lists " + ev.symbol; };

  switch (o.kind) {
    case Outcome::Kind::Error:
      return say(Verdict::Error, "The probe could not make the attempt: " + o.error + ".");
    case Outcome::Kind::Timeout:
      return say(Verdict::Timeout, "The call had not returned after " +
                                       std::to_string(o.timeout_ms) +
                                       " ms, so the probe killed the child that made it.");
    case Outcome::Kind::Returned:
    case Outcome::Kind::Errno:
    case Outcome::Kind::Signal: break;
  }

  if (meets(e, o)) {
    switch (e.kind) {
      case ExpectedAnswer::Kind::Value:
        return say(Verdict::Implemented,
                   "The kernel returned the token XOR the magic, which only our own " + name +
                       " computes, so it is implemented here.");
      case ExpectedAnswer::Kind::Errno:  // answered at the top
        break;
      case ExpectedAnswer::Kind::Signal:
        return say(Verdict::Implemented, "The caller died of " + signal_name(o.signal) +
                                             ", which is how " + name +
                                             " answers a call from outside its trampoline.");
      case ExpectedAnswer::Kind::Returns:
        return say(Verdict::Implemented, "The kernel returned " + std::to_string(o.value) +
                                             ", as " + name +
                                             " always does: it has no argument to refuse.");
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
    return say(Verdict::Absent, "The kernel answers ENOSYS to " + name + " unless " +
                                    std::string(ev.precheck) +
                                    ", which is off here, so the call is "
                                    "configured out on this kernel" +
                                    (ev.filtered ? ", whatever the seccomp filter does" : "") +
                                    (has == true ? " (" + listed() + ")" : std::string()) + ".");
  }

  // The alt errno under a filter that gives it too: the filter's unless the
  // caller is known to pass the kernel's own check first.
  if (e.alt_errno != 0 && o.kind == Outcome::Kind::Errno && o.err == e.alt_errno && ev.filtered &&
      filter_may_answer(o.err) && ev.precheck_passed != true) {
    if (has == false) {
      return say(Verdict::Absent,
                 "A seccomp filter answered " + errno_name(o.err) + ", and " + lacks() + ".");
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
                   ", so either could have answered.");
  }

  if (meets_alt(e, o, ev.filtered)) {
    return say(Verdict::Implemented,
               "The kernel answered " + errno_name(o.err) + ", as a kernel with " + name +
                   " does when the caller or host fails the check it makes first "
                   "(see docs/catalogue.md).");
  }

  if (o.kind == Outcome::Kind::Errno && o.err == ENOSYS) {
    if (!ev.filtered && runtime_filter(ev.runtime).sentry) {
      return say(Verdict::Absent, sentry_enosys(name));
    }
    if (!ev.filtered) {
      return say(Verdict::Absent,
                 "The kernel answered ENOSYS and no seccomp filter is installed, so it has no " +
                     name + " at this number.");
    }
    if (has == true) {
      return say(Verdict::Blocked,
                 "ENOSYS came from the seccomp filter, not the kernel: " + listed() +
                     ", and a kernel that has a call never answers ENOSYS for it" +
                     passed(e, o, ev) + " (" + filter_enosys_reason(ev.runtime, name) + ").");
    }
    if (has == false) {
      return say(Verdict::Absent, "A seccomp filter is installed, but " + lacks() + ".");
    }
    return say(Verdict::AbsentOrBlocked,
               "ENOSYS came back under a seccomp filter and the kernel's symbol tables "
               "(BTF, /proc/kallsyms) could not tell whether it has " +
                   name + "; run with --security-opt seccomp=unconfined to settle it.");
  }

  if (o.kind == Outcome::Kind::Errno && o.err == EPERM && ev.filtered) {
    if (has == false) {
      return say(Verdict::Absent, "A seccomp filter answered EPERM, and " + lacks() + ".");
    }
    return say(Verdict::Blocked,
               "A seccomp filter answered EPERM, so the call never reached the kernel" +
                   std::string(has == true ? " (which has it: " + listed() + ")" : "") +
                   passed(e, o, ev) + ".");
  }

  if (o.kind == Outcome::Kind::Signal && o.signal == SIGSYS && (ev.filtered || o.seccomp_signal)) {
    const std::string how =
        o.seccomp_signal ? "trapped the call with SIGSYS" : "killed the caller with SIGSYS";
    if (has == true) {
      return say(Verdict::Blocked, "A seccomp filter " + how + " and the kernel has " + name +
                                       " (" + listed() + ").");
    }
    if (has == false) {
      return say(Verdict::Absent, "A seccomp filter " + how + ", and " + lacks() + ".");
    }
    return say(Verdict::Killed, "A seccomp filter " + how +
                                    "; the kernel's symbol tables (BTF, /proc/kallsyms) "
                                    "could not tell whether it has " +
                                    name + ".");
  }

  if (o.kind == Outcome::Kind::Signal) {
    if (o.signal == SIGILL) {
      return say(Verdict::Occupied,
                 "The caller died of SIGILL, so another system call lives at this number "
                 "(uretprobe, at 335 since Linux 6.11, does exactly this).");
    }
    return say(Verdict::Killed, "The caller was killed by " + signal_name(o.signal) + ".");
  }

  // A return value or an errno that the expected call does not give.
  const std::string got = o.kind == Outcome::Kind::Returned ? "returned " + std::to_string(o.value)
                                                            : "answered " + errno_name(o.err);
  if (!own && has == true) {
    return say(Verdict::Implemented, "The kernel " + got + " instead of " + expected_text(e) +
                                         ", but " + listed() + ", so it has " + name +
                                         " and checks these arguments differently.");
  }
  if (own) {
    return say(Verdict::Occupied, "The kernel " + got + ", not " + expected_text(e) +
                                      ", so another system call lives at this number.");
  }
  return say(Verdict::Occupied, "The kernel " + got + ", not the " + expected_text(e) +
                                    " a kernel with " + name +
                                    " gives, so another call seems to live at this number.");
}

}  // namespace probe
