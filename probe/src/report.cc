#include "report.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "gather.h"
#include "linux/syscall_probe.h"
#include "lsm.h"
#include "options.h"
#include "plan.h"
#include "runtime_filter.h"

namespace probe {

std::string explanation_of(const Attempt& a) {
  return a.expected_errno ? expected_errno_sentence(a.outcome.err, a.name) : a.explanation;
}

std::string symbol_of(const Attempt& a) {
  return syscall_symbol(a.entry, a.symbol_prefix);
}

const char* probe_arch() {
#if defined(__x86_64__)
  return "x86_64";
#elif defined(__aarch64__)
  return "aarch64";
#else
  return "unknown";
#endif
}

std::string utc_now() {
  return utc_stamp(static_cast<std::int64_t>(std::time(nullptr)));
}

std::string utc_stamp(std::int64_t seconds) {
  // Four-digit years only.
  if (seconds < 0 || seconds > 253402300799) return {};
  using namespace std::chrono;
  const sys_seconds t{std::chrono::seconds{seconds}};
  const sys_days day = floor<days>(t);
  const year_month_day date{day};
  const hh_mm_ss time{t - day};
  char buf[32];
  const int n = std::snprintf(
      buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
      static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
      static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
      static_cast<int>(time.seconds().count()));
  return n > 0 && static_cast<std::size_t>(n) < sizeof buf ? std::string(buf) : std::string();
}

Report gather_report(System& sys, const ReportRequest& request, const std::string& now_utc) {
  Report r;
  r.probe_version = probe_version();
  r.label = request.label;
  r.generated_at = now_utc;

  // The calls first, from the catalogue alone; everything else is read and
  // built beside the child making them.
  Attempt& own = r.syscall;
  own.name = SYSCALL_PROBE_NAME;
  own.nr = request.nr;
  own.arch = probe_arch();
  own.entry = SYSCALL_PROBE_NAME;
  own.token = request.arg ? *request.arg : sys.random_u32();
  own.expected_value = static_cast<std::uint64_t>(*own.token) ^ SYSCALL_PROBE_MAGIC;
  own.expectation = {ExpectedAnswer::Kind::Value, static_cast<std::int64_t>(*own.expected_value)};
  const CallPlan plan = plan_calls(request.syscalls, own.nr, *own.token);

  // Every call in children, as few as the answers allow; meanwhile the
  // environment, which no call needs, is read and the rows are built beside
  // them (on two CPUs this hides the /proc reads and the rows).
  CallerFacts facts;
  std::vector<Attempt*> calls;
  std::vector<Outcome> outcomes = sys.attempt_all(plan.requests, request.timeout_ms, [&] {
    read_environment(sys, r);
    r.catalogue = catalogue_attempts(plan, r.uts.release);
    calls = in_call_order(r, plan);
    facts = caller_facts(sys, r);
  });
  r.lsm = read_lsm(sys, request.timeout_ms);  // its call needs a child of its own
  attach_outcomes(calls, split_outcomes(plan, std::move(outcomes)), facts);
  own.verified = meets(own.expectation, own.outcome);
  // Who answered what a filter may have answered: asked of the filters
  // themselves, in a second child, before the symbols (which then only
  // settle whether the kernel has what a filter refused).
  if (seccomp_confined(r.status)) {
    r.filter_asking = ask_who_answered(sys, calls, request.timeout_ms);
  }
  if (runtime_filter(r.container.runtime).sentry) {
    look_again_under_sentry(sys, r.catalogue, request.timeout_ms);
  }
  attach_symbols(sys, r, calls, request.kallsyms, request.btf);
  judge_attempts(r, calls);
  return r;
}

}  // namespace probe
