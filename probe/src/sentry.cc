#include "sentry.h"

#include <cerrno>

#include <string>
#include <utility>

#include "catalogue.h"

namespace probe {

namespace {

bool is_errno(const Outcome& o, int err) {
  return o.kind == Outcome::Kind::Errno && o.err == err;
}

// An answer the Sentry gave: not the probe's own failure or a timeout.
bool answered(const Outcome& o) {
  return o.kind == Outcome::Kind::Errno || o.kind == Outcome::Kind::Returned ||
         o.kind == Outcome::Kind::Signal;
}

Judgement absent(std::string text, Proof proof) {
  return {Verdict::Absent, std::move(text), Answerer::Sentry, proof};
}

constexpr std::string_view kNeverAsked = "; the host kernel was never asked.";

}  // namespace

std::string_view second_look_name(const SecondLookPlan& plan) {
  return plan.request == SecondLookPlan::Request::SameInUserNamespace ? "user-namespace"
                                                                      : "second-request";
}

std::optional<SecondLookPlan> second_look_plan(const ExpectedAnswer& expect, const Outcome& first,
                                               bool has_second) {
  if (first.kind != Outcome::Kind::Errno || meets(expect, first)) return std::nullopt;
  // A Returns row's errno settles it alone (judge_under_sentry).
  if (expect.kind == ExpectedAnswer::Kind::Returns) return std::nullopt;
  using R = SecondLookPlan::Request;
  if (first.err == EPERM || first.err == EACCES) {
    return SecondLookPlan{has_second ? R::Second : R::SameInUserNamespace, true};
  }
  if (has_second) return SecondLookPlan{R::Second, false};
  return std::nullopt;
}

Judgement judge_under_sentry(Judgement kernel_view, const ExpectedAnswer& expect,
                             const Outcome& first, const std::optional<SecondLook>& second,
                             std::string_view name, long nr) {
  const std::string call(name);
  if (seccomp_passthrough_here(nr) && meets(expect, first)) {
    return {Verdict::Implemented,
            "The host kernel answered " + describe(first) + ", as a kernel with " + call +
                " does: Linux lets this number through every seccomp filter, the one gVisor's " +
                "platform traps calls with included, so the call passed the Sentry.",
            Answerer::Kernel, Proof::ExpectedAnswer};
  }
  if (expect.kind == ExpectedAnswer::Kind::Returns && first.kind == Outcome::Kind::Errno) {
    return absent("gVisor's Sentry answered " + errno_name(first.err) + " to a request every " +
                      "kernel with " + call + " grants (no argument of it can fail), so it lacks " +
                      call + std::string(kNeverAsked),
                  Proof::RefusedGrant);
  }
  if (!second || !answered(second->outcome) || first.kind != Outcome::Kind::Errno) {
    return kernel_view;
  }
  const Outcome& again = second->outcome;
  const std::string was = errno_name(first.err);
  if (second->plan.in_user_namespace && is_errno(again, ENOSYS) && first.err != ENOSYS) {
    return absent("gVisor's Sentry answered " + was + ", and ENOSYS to " +
                      (second->plan.request == SecondLookPlan::Request::Second
                           ? std::string("another request")
                           : std::string("the same call")) +
                      " in a user namespace of its own where it holds every capability: a stub " +
                      "refusing the unprivileged, so it lacks " + call + std::string(kNeverAsked),
                  Proof::UserNamespace);
  }
  if (second->plan.request != SecondLookPlan::Request::Second) {
    kernel_view.proof = Proof::UserNamespace;
    return kernel_view;
  }
  if (first.err == ENOSYS) {
    if (is_errno(again, ENOSYS)) {
      return absent("gVisor's Sentry answered ENOSYS to two different requests, so it lacks " +
                        call + " here" + std::string(kNeverAsked),
                    Proof::SecondRequest);
    }
    return {Verdict::Partial,
            "gVisor's Sentry has " + call + " for some arguments only: it answered ENOSYS to " +
                "the catalogue's request and " + describe(again) + " to a second one.",
            Answerer::Sentry, Proof::SecondRequest};
  }
  if (is_errno(again, first.err)) {
    return absent("gVisor's Sentry answered " + was + " to two requests that a kernel with " +
                      call + " answers differently, a stub's fixed answer, so it lacks " + call +
                      std::string(kNeverAsked),
                  Proof::SecondRequest);
  }
  kernel_view.proof = Proof::SecondRequest;
  return kernel_view;
}

}  // namespace probe
