// The sentences of the decision table: explain() renders what judge()
// decided (verdict.cc), from the same expectation, outcome and evidence.
#include <cerrno>
#include <csignal>

#include <string>
#include <string_view>

#include "runtime_filter.h"
#include "verdict.h"

namespace probe {

namespace {

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

// "returned 3", "answered EPERM".
std::string got_text(const Outcome& o) {
  return o.kind == Outcome::Kind::Returned ? "returned " + std::to_string(o.value)
                                           : "answered " + errno_name(o.err);
}

// When the answer is the row's alt errno and the caller passes the check
// behind it: says so, since that is what rules the kernel's own answer out.
std::string passed(const ExpectedAnswer& e, const Outcome& o, const Evidence& ev) {
  if (e.alt_errno == 0 || o.kind != Outcome::Kind::Errno || o.err != e.alt_errno) return "";
  if (ev.precheck_passed != true) return "";
  return ", and this caller has " + std::string(ev.precheck) +
         ", so the kernel's own check would have passed";
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

std::string listed(const Evidence& ev) {
  return "/proc/kallsyms lists " + ev.symbol;
}

// Our own value came back: whose code computed it.
std::string own_value_text(const Decision& d, const Evidence& ev, const std::string& name) {
  const std::string ours =
      "The call returned the token XOR the magic, which only code written for " + name +
      " computes, so it is implemented here";
  const std::string lacks = ev.source == EvidenceSource::Btf
                                ? "the kernel's BTF has no function " + ev.symbol
                                : "/proc/kallsyms has no " + ev.symbol;
  const std::string supervisor = d.filtered ? " (a seccomp filter is installed: a supervisor "
                                              "answering through SECCOMP_RET_USER_NOTIF can do "
                                              "this)"
                                            : "";
  if (d.reason == Reason::OwnValueSupervisor) {
    return ours + ", but not by the kernel (" + lacks +
           "): a seccomp supervisor answered on the kernel's behalf, its listener sitting in "
           "this process's filter chain (the probe's own filter with a listener was refused "
           "with EBUSY).";
  }
  if (d.reason == Reason::OwnValueLayer) {
    return ours + ", but not by the kernel: " + lacks +
           ", so a layer between this process and the kernel answered" + supervisor + ".";
  }
  if (d.reason == Reason::OwnValueKernel) {
    return "The kernel returned the token XOR the magic, which only our own " + name +
           " computes, so it is implemented here" +
           (ev.kernel_has_symbol == true ? " (" + listed(ev) + ")" : "") + ".";
  }
  return ours +
         "; a seccomp filter is installed and the kernel's symbol tables could not tell "
         "whether the kernel has it, so the kernel or a supervisor answered.";
}

// A filter above the probe's own answered (it was never notified).
std::string filter_proven_text(const Decision& d, const ExpectedAnswer& e, const Outcome& o,
                               const Evidence& ev, const std::string& name) {
  const std::string answered = "A seccomp filter " + got_text(o) + std::string(kNeverNotified);
  if (d.reason == Reason::FilterLacks) return answered + ", and " + lacks_clause(e, ev, name) + ".";
  std::string text = answered;
  if (kernel_has_call(e, ev) == true) {
    text += ", and the kernel has " + name + " (" + listed(ev) + ")";
  } else {
    text += "; the kernel's symbol tables could not tell whether the kernel has " + name;
  }
  if (o.kind == Outcome::Kind::Errno && o.err == ENOSYS) {
    text += " (" + filter_enosys_reason(ev.runtime, name) + ")";
  }
  return text + ".";
}

// The errno of the kernel's check on the caller (the row's alt errno).
std::string check_text(const Decision& d, const ExpectedAnswer& e, const Outcome& o,
                       const Evidence& ev, const std::string& name, const std::string& end) {
  const bool has = kernel_has_call(e, ev) == true;
  if (d.reason == Reason::ConfiguredOut) {
    return "The kernel answers ENOSYS to " + name + " unless " + std::string(ev.precheck) +
           ", which is off here, so the call is configured out on this kernel" +
           (d.filtered ? ", whatever the seccomp filter does" : "") +
           (has ? " (" + listed(ev) + ")" : std::string()) + end;
  }
  if (d.reason == Reason::AltErrnoFilterLacks) {
    return "A seccomp filter answered " + errno_name(o.err) + ", and " + lacks_clause(e, ev, name) +
           ".";
  }
  if (d.reason == Reason::AltErrnoEither) {
    return errno_name(o.err) +
           " may be the seccomp filter's answer or the kernel's own: " + "a kernel with " + name +
           " checks " + std::string(ev.precheck) + " before the arguments and answers " +
           errno_name(o.err) + " without it, and " +
           (ev.precheck_passed == false ? "this caller lacks it"
                                        : "the probe could not tell whether this caller has it") +
           (has ? " (the kernel has the call: " + listed(ev) + ")" : std::string()) +
           ", so either could have answered; the probe's own filter could not be asked.";
  }
  return "The kernel answered " + errno_name(o.err) + ", as a kernel with " + name +
         " does when the caller or host fails the check it makes first "
         "(see docs/catalogue.md)" +
         end;
}

std::string enosys_text(const Decision& d, const ExpectedAnswer& e, const Outcome& o,
                        const Evidence& ev, const std::string& name, const std::string& end) {
  if (d.reason == Reason::SentryEnosys) return sentry_enosys(name);
  if (d.reason == Reason::EnosysKernel) {
    return ev.filter_answered == false
               ? "The kernel answered ENOSYS, so it has no " + name + " at this number" + end
               : "The kernel answered ENOSYS and no seccomp filter is installed, "
                 "so it has no " +
                     name + " at this number.";
  }
  if (d.reason == Reason::EnosysFilter) {
    return "ENOSYS came from the seccomp filter, not the kernel: " + listed(ev) +
           ", and a kernel that has a call never answers ENOSYS for it" + passed(e, o, ev) + " (" +
           filter_enosys_reason(ev.runtime, name) + ").";
  }
  if (d.reason == Reason::EnosysFilterLacks)
    return "A seccomp filter is installed, but " + lacks_clause(e, ev, name) + ".";
  return "ENOSYS came back under a seccomp filter, the probe's own filter could not be "
         "asked, and the kernel's symbol tables (BTF, /proc/kallsyms) could not tell "
         "whether it has " +
         name + "; run with --security-opt seccomp=unconfined to settle it.";
}

// EPERM or SIGSYS from a filter.
std::string refusal_text(const Decision& d, const ExpectedAnswer& e, const Outcome& o,
                         const Evidence& ev, const std::string& name) {
  const std::string how =
      o.seccomp_signal ? "trapped the call with SIGSYS" : "killed the caller with SIGSYS";
  if (d.reason == Reason::EpermFilterLacks)
    return "A seccomp filter answered EPERM, and " + lacks_clause(e, ev, name) + ".";
  if (d.reason == Reason::EpermFilter) {
    return "A seccomp filter answered EPERM, so the call never reached the kernel" +
           std::string(kernel_has_call(e, ev) == true ? " (which has it: " + listed(ev) + ")"
                                                      : "") +
           passed(e, o, ev) + ".";
  }
  if (d.reason == Reason::SigsysHasIt)
    return "A seccomp filter " + how + " and the kernel has " + name + " (" + listed(ev) + ").";
  if (d.reason == Reason::SigsysLacks)
    return "A seccomp filter " + how + ", and " + lacks_clause(e, ev, name) + ".";
  return "A seccomp filter " + how +
         "; the kernel's symbol tables (BTF, /proc/kallsyms) could not tell whether it has " +
         name + ".";
}

// What the call's own code answers, the probe's failures, and the answers
// that came from some other code at the number.
std::string plain_text(const Decision& d, const ExpectedAnswer& e, const Outcome& o,
                       const Evidence& ev, const std::string& name, const std::string& end) {
  if (d.reason == Reason::ExpectedSignal) {
    return "The caller died of " + signal_name(o.signal) + ", which is how " + name +
           " answers a call from outside its trampoline.";
  }
  if (d.reason == Reason::ExpectedReturn) {
    return "The kernel returned " + std::to_string(o.value) + ", as " + name +
           " always does: it has no argument to refuse.";
  }
  if (d.reason == Reason::ProbeError)
    return "The probe could not make the attempt: " + o.error + ".";
  if (d.reason == Reason::ProbeTimeout) {
    return "The call had not returned after " + std::to_string(o.timeout_ms) +
           " ms, so the probe killed the child that made it.";
  }
  if (d.reason == Reason::OccupiedSigill) {
    return "The caller died of SIGILL, so another system call lives at this number "
           "(uretprobe, at 335 since Linux 6.11, does exactly this).";
  }
  if (d.reason == Reason::KilledBySignal)
    return "The caller was killed by " + signal_name(o.signal) + ".";
  if (d.reason == Reason::OccupiedOther) {
    return "The kernel " + got_text(o) + ", not " + expected_text(e) +
           ", so another system call lives at this number" + end;
  }
  return "The kernel " + got_text(o) + " instead of " + expected_text(e) +
         (kernel_has_call(e, ev) == true
              ? ", but " + listed(ev) + ", so it has " + name
              : ", and at " + name +
                    "'s number only a kernel that has it answers anything "
                    "but ENOSYS") +
         ": it checks these arguments in another order than the catalogue expects" + end;
}

}  // namespace

std::string expected_errno_sentence(int err, std::string_view name) {
  constexpr std::string_view kAnswered = "The kernel answered ";
  constexpr std::string_view kBad = " to deliberately bad arguments, as a kernel with ";
  constexpr std::string_view kDoes = " does.";
  const std::string errno_text = errno_name(err);
  std::string text;  // one allocation, not one per `+`
  text.reserve(kAnswered.size() + errno_text.size() + kBad.size() + name.size() + kDoes.size());
  return text.append(kAnswered).append(errno_text).append(kBad).append(name).append(kDoes);
}

std::string explain(const Decision& d, const ExpectedAnswer& e, const Outcome& o,
                    const Evidence& ev) {
  if (d.reason == Reason::ExpectedErrno) return expected_errno_sentence(o.err, ev.name);
  const std::string name(ev.name);
  // How a sentence ends: with the proof that the filters let the call through.
  const std::string end(ev.filter_answered == false ? kLetThrough : ".");
  switch (d.reason) {
    case Reason::OwnValueKernel:
    case Reason::OwnValueSupervisor:
    case Reason::OwnValueLayer:
    case Reason::OwnValueUnsure: return own_value_text(d, ev, name);
    case Reason::FilterLacks:
    case Reason::FilterRefused: return filter_proven_text(d, e, o, ev, name);
    case Reason::ConfiguredOut:
    case Reason::AltErrnoFilterLacks:
    case Reason::AltErrnoEither:
    case Reason::AltErrnoKernel: return check_text(d, e, o, ev, name, end);
    case Reason::SentryEnosys:
    case Reason::EnosysKernel:
    case Reason::EnosysFilter:
    case Reason::EnosysFilterLacks:
    case Reason::EnosysUnsure: return enosys_text(d, e, o, ev, name, end);
    case Reason::EpermFilterLacks:
    case Reason::EpermFilter:
    case Reason::SigsysHasIt:
    case Reason::SigsysLacks:
    case Reason::SigsysUnsure: return refusal_text(d, e, o, ev, name);
    case Reason::ExpectedErrno:
    case Reason::ExpectedSignal:
    case Reason::ExpectedReturn:
    case Reason::ProbeError:
    case Reason::ProbeTimeout:
    case Reason::OccupiedSigill:
    case Reason::KilledBySignal:
    case Reason::OccupiedOther:
    case Reason::OtherOrder: break;
  }
  return plain_text(d, e, o, ev, name, end);
}

}  // namespace probe
