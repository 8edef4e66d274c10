// gVisor's Sentry judged as a kernel of its own. Pure: no system calls here.
//
// The Sentry is a kernel in user space that implements calls in its own way.
// Its answer to the catalogue's request settles most rows as a kernel's
// does, but three kinds of answer do not:
// - ENOSYS: the Sentry lacks the call, or has it for some arguments only
//   (syslog answers ENOSYS to the actions it does not support);
// - EPERM or EACCES: the call refused an unprivileged caller, or a stub
//   answers it (gVisor's "capability stubs" answer EPERM without the
//   capability and ENOSYS with it: the call is not there either way);
// - another errno than a kernel with the call gives: the Sentry checks the
//   arguments in another order, or a stub answers one errno to anything.
// For those rows the probe makes one second request (second_look_plan), in a
// child of its own, and judges from both answers (judge_second_look). The
// decision rests on the answers alone, never on a list of what some gVisor
// release implements (docs/verdicts.md "Under gVisor's Sentry").
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "outcome.h"
#include "verdict.h"

namespace probe {

/// The second request made of a row under the Sentry.
struct SecondLookPlan {
  enum class Request : std::uint8_t {
    /// the same arguments again, in a user namespace of the child's own
    SameInUserNamespace,
    /// the row's second request (catalogue.h second_request)
    Second,
  };
  Request request = Request::SameInUserNamespace;
  /// made in a user namespace of the child's own (SyscallRequest)
  bool in_user_namespace = false;
};

/// What the second request of a row answered.
struct SecondLook {
  SecondLookPlan plan;
  Outcome outcome;
};

/// "user-namespace" (the same request in a user namespace of its own) or
/// "second-request" (the row's second request, in a user namespace when the
/// plan says so).
std::string_view second_look_name(const SecondLookPlan& plan);

/// Which second request, if any, settles a row the Sentry answered with
/// `first`: ENOSYS, with a second request (`has_second`), that one; EPERM or
/// EACCES, the second request if there is one, else the same again, in a
/// user namespace either way; any other errno than expected, the second
/// request if there is one. Nothing for an answer that already settles it.
std::optional<SecondLookPlan> second_look_plan(const ExpectedAnswer& expect, const Outcome& first,
                                               bool has_second);

/// `kernel_view` (judge()'s verdict with the Sentry for the kernel) settled
/// by the Sentry's answers: the first, and `second` if one was made.
/// - a number Linux lets through every seccomp filter (catalogue.h
///   seccomp_passthrough_here) answered as a kernel with the call answers:
///   the host kernel answered, past the Sentry's seccomp trap: implemented;
/// - a Returns row (no argument can fail it) answered with an errno: the
///   Sentry refused what every kernel with the call grants: absent;
/// - ENOSYS in a user namespace of its own after EPERM/EACCES outside it:
///   a capability stub: absent;
/// - ENOSYS, then another answer to the second request: partial;
/// - ENOSYS to both: absent, both requests named;
/// - one unexpected errno to both requests, which a kernel with the call
///   answers differently: a stub: absent;
/// - otherwise the kernel's view stands (the Sentry checks in another
///   order), its proof the second request where one was made.
Judgement judge_under_sentry(Judgement kernel_view, const ExpectedAnswer& expect,
                             const Outcome& first, const std::optional<SecondLook>& second,
                             std::string_view name, long nr);

}  // namespace probe
