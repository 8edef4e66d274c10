#include "gather.h"

#include <cerrno>

#include <array>
#include <optional>
#include <set>
#include <utility>

#include "catalogue.h"
#include "log.h"
#include "runtime_filter.h"
#include "sentry.h"

namespace probe {

namespace {

// /proc/self/ns entries worth reporting (Linux 5.6+ has all of them).
constexpr std::array<const char*, 10> kNamespaces{
    "cgroup", "ipc", "mnt", "net", "pid", "pid_for_children", "time", "time_for_children",
    "user",   "uts"};

bool exists(System& sys, const std::string& path) {
  auto r = sys.read_file(path);
  return r.ok() || (r.error().err != ENOENT && r.error().err != ENOTDIR);
}

std::optional<std::string> read_opt(System& sys, const std::string& path) {
  auto r = sys.read_file(path);
  if (r) return r.value();
  log(LogLevel::Debug, r.error().message());
  return std::nullopt;
}

// Fills `a`, a fresh Attempt, for a catalogue entry on a kernel of
// `release`. In place: a census has ~400 rows, and a
// returned Attempt cost a move of its dozen fields per row.
void catalogue_attempt(const CatalogueEntry& e, const std::string& release, Attempt& a) {
  a.row = &e;
  a.name = e.name;
  a.nr = nr_here(e);
  a.arch = probe_arch();
  a.since = e.since;
  a.entry = entry_point_here(e);
  // A call removed by this release (or not yet on this architecture) is
  // sys_ni_syscall here: no precheck, no errno but ENOSYS.
  const auto kind = expected_kind_here(e.expect, release);
  switch (kind) {
    case Expectation::Kind::Signal:
      a.expectation = {ExpectedAnswer::Kind::Signal, e.expect.value};
      a.expected = signal_name(e.expect.value);
      break;
    case Expectation::Kind::Errno: {
      const int err = expected_value(e.expect, release);
      a.expectation = {ExpectedAnswer::Kind::Errno, err};
      a.expected = errno_name(err);
      break;
    }
    case Expectation::Kind::Returns:
      a.expectation = {ExpectedAnswer::Kind::Returns, 0};
      a.expected = "a value >= 0";
      break;
    case Expectation::Kind::NeverImplemented:
    case Expectation::Kind::NotProbed:  // never attempted: plan_calls leaves it out
      a.expectation = {ExpectedAnswer::Kind::NeverImplemented, 0};
      a.expected = "ENOSYS (never implemented)";
      break;
  }
  if (kind == Expectation::Kind::NeverImplemented) return;
  if (e.precheck != Precheck::None) a.expectation.alt_errno = e.alt_errno;
  a.precheck = e.precheck;
}

bool any_precheck(const std::vector<Attempt>& attempts, Precheck p) {
  for (const auto& a : attempts) {
    if (a.precheck == p) return true;
  }
  return false;
}

// What the kernel is said to have answered was, under gVisor, the Sentry's,
// and under an emulator came through it.
void attribute_answerer(Attempt& a, const Report& r) {
  if (r.emulation.emulated && a.answered_by != Answerer::Filter) {
    a.answered_by = Answerer::Emulator;
    a.proof = Proof::Emulation;
  } else if (runtime_filter(r.container.runtime).sentry && a.answered_by == Answerer::Kernel &&
             !(seccomp_passthrough_here(a.nr) && meets(a.expectation, a.outcome))) {
    a.answered_by = Answerer::Sentry;
    if (a.proof == Proof::PlainCall) a.proof = Proof::Runtime;
  }
}

// The kernel gave the errno the row expects, straight: judge()'s commonest
// case, its sentence left until something prints it (explanation_of), where
// nothing rewrites it (emulation.h, runtime_filter.h).
bool expected_errno(const Attempt& a) {
  return a.expectation.kind == ExpectedAnswer::Kind::Errno && meets(a.expectation, a.outcome);
}

}  // namespace

void read_environment(System& sys, Report& r) {
  if (auto u = sys.uname()) {
    r.uts = u.value();
  } else {
    log(LogLevel::Warn, u.error().message());
  }
  r.flavour = kernel_flavour(r.uts.release, r.uts.version);
  ContainerClues clues;
  clues.dockerenv = exists(sys, "/.dockerenv");
  clues.containerenv = exists(sys, "/run/.containerenv");
  clues.cgroup = read_opt(sys, "/proc/self/cgroup");
  clues.mountinfo = read_opt(sys, "/proc/self/mountinfo");
  clues.gvisor_kernel = r.flavour.name == "gvisor";
  r.container = detect_container(clues);
  if (clues.cgroup) r.cgroup = parse_cgroup(*clues.cgroup);
  r.emulation = detect_emulation(read_emulation_clues(sys, probe_arch()));

  if (auto st = read_opt(sys, "/proc/self/status")) {
    r.status = parse_proc_status(*st);
  } else {
    log(LogLevel::Warn, "cannot read /proc/self/status: confinement unknown");
  }
  for (const char* ns : kNamespaces) {
    if (auto link = sys.readlink(std::string("/proc/self/ns/") + ns)) {
      r.namespaces[ns] = link.value();
    }
  }
  if (auto map = read_opt(sys, "/proc/self/uid_map")) {
    r.uid_map = normalise_uid_map(*map);
    r.uid_identity = uid_map_is_identity(r.uid_map);
  }
}

std::vector<Attempt> catalogue_attempts(const CallPlan& plan, const std::string& release) {
  std::vector<Attempt> rows(plan.rows.size());
  for (std::size_t i = 0; i < plan.rows.size(); ++i) {
    catalogue_attempt(*plan.rows[i], release, rows[i]);
  }
  return rows;
}

std::vector<Attempt*> in_call_order(Report& r, const CallPlan& plan) {
  std::vector<Attempt*> calls;
  calls.reserve(plan.order.size() + 1);
  calls.push_back(&r.syscall);
  for (const std::size_t i : plan.order) calls.push_back(&r.catalogue.at(i));
  return calls;
}

CallerFacts caller_facts(System& sys, const Report& r) {
  CallerFacts f;
  f.cap_eff = r.status.cap_eff;
  if (!r.uid_map.empty()) f.initial_user_ns = r.uid_identity;
  f.no_new_privs = r.status.no_new_privs;
  f.release = r.uts.release;
  f.arch = probe_arch();
  if (any_precheck(r.catalogue, Precheck::IoUringAllowed)) {
    auto v = sys.read_file("/proc/sys/kernel/io_uring_disabled");
    if (v) {
      // "0\n", "1\n" or "2\n"; anything else leaves it unknown.
      const std::string& t = v.value();
      if (!t.empty() && t[0] >= '0' && t[0] <= '2' && (t.size() == 1 || t[1] == '\n')) {
        f.io_uring_disabled = t[0] - '0';
      }
    } else {
      f.io_uring_sysctl_missing = v.error().err == ENOENT;
    }
  }
  if (any_precheck(r.catalogue, Precheck::SecretmemEnabled)) {
    if (auto v = read_opt(sys, "/sys/module/secretmem/parameters/enable"); v && !v->empty()) {
      f.secretmem_enable = (*v)[0] == 'Y';
    }
    f.cmdline = read_opt(sys, "/proc/cmdline");
  }
  return f;
}

void attach_outcomes(const std::vector<Attempt*>& calls, PlannedOutcomes outcomes,
                     const CallerFacts& facts) {
  // The prctl returned 0 and the door went on in the same child: the late
  // calls ran with no_new_privs.
  const std::optional<Outcome>& nnp = outcomes.no_new_privs;
  const bool nnp_set = nnp && nnp->kind == Outcome::Kind::Returned && nnp->value == 0;
  if (nnp && log_enabled(LogLevel::Debug)) {
    log(LogLevel::Debug, "prctl(PR_SET_NO_NEW_PRIVS) in the child: ", describe(*nnp));
  }
  for (std::size_t i = 0; i < calls.size(); ++i) {
    calls[i]->outcome = std::move(outcomes.calls.at(i));
    if (log_enabled(LogLevel::Debug)) {
      log(LogLevel::Debug, calls[i]->name, " (nr ", calls[i]->nr,
          "): ", describe(calls[i]->outcome));
    }
  }
  // The late rows' child had no_new_privs; the facts are copied for them
  // alone (they hold the release and the command line).
  CallerFacts with_nnp;
  if (nnp_set) {
    with_nnp = facts;
    with_nnp.no_new_privs = true;
  }
  for (Attempt* a : calls) {
    if (a->precheck == Precheck::None) continue;
    const bool late_nnp = a->precheck == Precheck::NoNewPrivsOrCapSysAdmin && nnp_set;
    if (late_nnp) a->child_no_new_privs = true;
    a->precheck_passed = precheck_passes(a->precheck, late_nnp ? with_nnp : facts);
  }
}

FilterAsking ask_who_answered(System& sys, const std::vector<Attempt*>& calls, int timeout_ms) {
  FilterAsking asking;
  std::vector<Attempt*> asked;
  std::vector<SyscallRequest> requests;
  for (Attempt* a : calls) {
    if (!worth_asking_filters(a->expectation, a->outcome)) continue;
    asked.push_back(a);
    SyscallRequest& req = requests.emplace_back();
    req.nr = a->nr;
    if (a->row != nullptr) {
      req.args = a->row->args;
    } else {
      req.args[0] = a->token.value_or(0);
    }
  }
  if (asked.empty()) return asking;
  asking.asked = true;
  asking.calls = static_cast<int>(asked.size());
  FilterAnswers answers = sys.ask_filters(requests, timeout_ms);
  asking.install = answers.install;
  asking.error = std::move(answers.error);
  for (std::size_t i = 0; i < asked.size() && i < answers.notified.size(); ++i) {
    // Asked with TRACE (a supervisor's listener in the chain): our ENOSYS
    // proves nothing for a call whose plain answer was ENOSYS too.
    const bool blind = answers.traced && asked[i]->outcome.kind == Outcome::Kind::Errno &&
                       asked[i]->outcome.err == ENOSYS;
    asked[i]->filter_notified = blind ? std::nullopt : answers.notified[i];
    if (asked[i]->filter_notified == true) ++asking.notified;
  }
  if (log_enabled(LogLevel::Debug)) {
    log(LogLevel::Debug, "asked the filters about ", asking.calls, " calls: ", asking.notified,
        " notified", asking.error.empty() ? "" : "; ", asking.error);
  }
  return asking;
}

void look_again_under_sentry(System& sys, std::vector<Attempt>& rows, int timeout_ms) {
  std::vector<Attempt*> looked;
  std::vector<SecondLookPlan> plans;
  std::vector<SyscallRequest> requests;
  for (const bool in_user_namespace : {false, true}) {
    for (Attempt& a : rows) {
      const auto* second = second_request(a.name);
      const auto plan = second_look_plan(a.expectation, a.outcome, second != nullptr);
      if (!plan || plan->in_user_namespace != in_user_namespace) continue;
      // The row itself only for the same request again.
      const bool again = plan->request == SecondLookPlan::Request::Second && second != nullptr;
      if (!again && a.row == nullptr) continue;
      SyscallRequest& req = requests.emplace_back();
      req.nr = a.nr;
      req.args = again ? *second : a.row->args;
      req.own_memory = true;
      req.own_user_namespace = in_user_namespace;
      looked.push_back(&a);
      plans.push_back(*plan);
    }
  }
  if (requests.empty()) return;
  // A zeroed buffer per request where an argument asks for one: a forked
  // child writes its own copy.
  std::vector<std::array<std::uint8_t, kScratchBytes>> scratch(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    for (auto& arg : requests[i].args) {
      if (arg == kScratch) arg = reinterpret_cast<std::uintptr_t>(scratch[i].data());
    }
  }
  std::vector<Outcome> outcomes = sys.attempt_all(requests, timeout_ms, {});
  for (std::size_t i = 0; i < looked.size() && i < outcomes.size(); ++i) {
    if (log_enabled(LogLevel::Debug)) {
      log(LogLevel::Debug, looked[i]->name, " again under the Sentry (", second_look_name(plans[i]),
          plans[i].in_user_namespace ? ", own user namespace" : "", "): ", describe(outcomes[i]));
    }
    looked[i]->second_look = SecondLook{plans[i], std::move(outcomes[i])};
  }
}

void attach_symbols(System& sys, Report& r, const std::vector<Attempt*>& calls,
                    KallsymsMode kallsyms, BtfMode btf) {
  const bool filtered = seccomp_confined(r.status);
  // Under an emulator the host kernel answers: its symbols are asked, by its
  // architecture's names, and none when that did not show (emulation.h).
  const std::optional<std::string_view> prefix = kernel_symbol_prefix(r.emulation);
  if (r.emulation.emulated && prefix) {
    for (Attempt* a : calls) {
      a->symbol_prefix = *prefix;
      if (a->row != nullptr) a->entry = kernel_entry_point(r.emulation, *a->row);
    }
  }
  // The symbols of the rows whose verdict needs them: built for those only.
  std::vector<Attempt*> asked;
  std::vector<std::string> asking;
  std::set<std::string> btf_blind;  // old calls: BTF's silence is a hole, not absence
  for (Attempt* a : calls) {
    const bool needed = needs_symbol_evidence(a->expectation, a->outcome, filtered) ||
                        needs_host_symbol(r.emulation, a->outcome);
    if (prefix && (kallsyms == KallsymsMode::Always || needed)) {
      asked.push_back(a);
      asking.push_back(symbol_of(*a));
      if (a->since && !btf_may_prove_absence(*a->since)) btf_blind.insert(asking.back());
    }
  }
  SymbolEvidence symbols = gather_symbol_evidence(sys, asking, kallsyms, btf, btf_blind,
                                                  prefix.value_or(syscall_symbol_prefix()));
  r.btf = symbols.btf;
  r.kallsyms = symbols.kallsyms;
  r.btf_contradicted = symbols.contradicted;
  for (std::size_t i = 0; i < asked.size(); ++i) {
    auto it = symbols.answers.find(asking[i]);
    if (it == symbols.answers.end()) continue;
    asked[i]->kernel_has_symbol = it->second.present;
    asked[i]->evidence = it->second.source;
  }
}

void judge_attempts(const Report& r, const std::vector<Attempt*>& calls) {
  const bool filtered = seccomp_confined(r.status);
  const bool sentry = runtime_filter(r.container.runtime).sentry;
  const bool listener = r.filter_asking.install == FilterAnswers::Install::Busy;
  const bool plain = !r.emulation.emulated && !sentry;
  // One Evidence for every row, its strings assigned in place: no
  // allocation per row for what the sentences only read.
  Evidence ev;
  for (Attempt* a : calls) {
    if (plain && expected_errno(*a)) {
      a->verdict = Verdict::Implemented;
      a->answered_by = Answerer::Kernel;
      a->proof = Proof::ExpectedAnswer;
      a->expected_errno = true;
      continue;
    }
    // Whatever profile the runtime applied (its default or the user's own),
    // an EPERM under it may be the filter's or the kernel's: judge() settles
    // that from the precheck (the caller passes the kernel's own check or
    // not), never from an assumption about which profile is loaded.
    ev.filtered = filtered;
    ev.kernel_has_symbol = a->kernel_has_symbol;
    ev.source = a->evidence.value_or(EvidenceSource::Kallsyms);
    // Only the sentences about evidence name the symbol (and an emulator's:
    // the host kernel's symbol it asked, known or not).
    if (a->kernel_has_symbol || r.emulation.emulated) {
      ev.symbol = symbol_of(*a);
    } else {
      ev.symbol.clear();
    }
    ev.name = a->name;
    ev.precheck_passed = a->precheck_passed;
    ev.precheck = precheck_text(a->precheck);
    ev.runtime = r.container.runtime;
    ev.filter_answered =
        a->filter_notified ? std::optional<bool>(!*a->filter_notified) : std::nullopt;
    ev.listener_in_chain = listener;
    // Under an emulator the kernel's view is rewritten: ENOSYS may be the
    // emulator's own answer (emulation.h).
    Judgement j = judge_under_emulation(judged(a->expectation, a->outcome, ev), a->expectation,
                                        a->outcome, ev, r.emulation);
    if (sentry && a != &r.syscall) {
      j = judge_under_sentry(std::move(j), a->expectation, a->outcome, a->second_look, a->name,
                             a->nr);
    }
    a->verdict = j.verdict;
    a->answered_by = j.by;
    a->proof = j.proof;
    attribute_answerer(*a, r);
    a->explanation = attribute_answer(std::move(j.explanation), r.container.runtime);
    // A refusal no filter was proven to give may be a security module's.
    if ((a->answered_by == Answerer::Kernel || a->answered_by == Answerer::Unknown) &&
        a->outcome.kind == Outcome::Kind::Errno && !meets(a->expectation, a->outcome)) {
      a->explanation = with_clause(std::move(a->explanation),
                                   lsm_clause(a->name, a->outcome.err, a->precheck_passed, r.lsm));
    }
  }
}

}  // namespace probe
